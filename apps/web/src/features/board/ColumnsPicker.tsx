import type { Field } from '@weft/client';
import { useNavigate } from '@tanstack/react-router';
import { useId } from 'react';
import { spaceRoute } from '../../routes/router';

/** The board's column field from the URL (`?columns=<field id>`, absent: by status), and a setter that keeps it shareable. */
export function useColumnsParam(): [string | undefined, (fieldId: string | undefined) => void] {
  const { columns } = spaceRoute.useSearch();
  const navigate = useNavigate({ from: spaceRoute.fullPath });
  return [columns, (fieldId) => void navigate({ search: (s) => ({ ...s, columns: fieldId }) })];
}

/** "Columns": Status, or any single-select field that applies in the space. */
export function ColumnsPicker({ value, fields, onChange }: { value: string | undefined; fields: Field[]; onChange: (fieldId: string | undefined) => void }) {
  const id = useId();
  return (
    <div className="lane-picker">
      <label htmlFor={id}>Columns</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">Status</option>
        {fields.map((f) => (
          <option key={f.id} value={f.id}>
            {f.name}
          </option>
        ))}
      </select>
    </div>
  );
}
