import type { Field } from '@weft/client';
import { useId } from 'react';
import { PRIORITIES } from '../../lib/api';
import type { DraftField } from './FormBuilder';

const KINDS: [DraftField['kind'], string][] = [
  ['short_text', 'Short text'],
  ['long_text', 'Long text'],
  ['choice', 'Choice'],
  ['date', 'Date'],
  ['email', 'Email'],
];
const TARGETS: [DraftField['mapsTo'], string][] = [
  ['title', 'Item title'],
  ['description', 'Description'],
  ['due', 'Due date'],
  ['priority', 'Priority'],
  ['field', 'Custom field'],
  ['none', 'A line in the description'],
];

const optionsText = (f: DraftField) => (f.options ?? []).map((o) => (o.value === o.label ? o.label : `${o.label} = ${o.value}`)).join('\n');
/** One option per line; "Label = value" when the submitted value differs from what people see. */
function parseOptions(text: string): DraftField['options'] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [label, value] = l.split(/\s*=\s*/);
      return { label: label as string, value: value || (label as string) };
    });
}

/** Makes a field consistent with its kind and target (the server refuses the other combinations). */
function normalize(f: DraftField, custom: Field[]): DraftField {
  const out: DraftField = { ...f };
  if (out.mapsTo === 'title') Object.assign(out, { kind: 'short_text', required: true });
  if (out.mapsTo === 'due') out.kind = 'date';
  if (out.mapsTo === 'priority') Object.assign(out, { kind: 'choice', options: PRIORITIES.map((p) => ({ value: p, label: p })) });
  if (out.mapsTo !== 'field') delete out.fieldId;
  const cf = custom.find((c) => c.id === out.fieldId);
  if (out.mapsTo === 'field' && cf?.type === 'select' && out.kind === 'choice') out.options = cf.options.map((o) => ({ value: o.id, label: o.name }));
  if (out.kind !== 'choice') delete out.options;
  else if (!out.options?.length) out.options = [{ value: 'Option 1', label: 'Option 1' }];
  return out;
}

/** One field of the form builder: label, kind, required, what it fills in, its options; move and remove. */
export function FormFieldRow(p: { field: DraftField; index: number; count: number; customFields: Field[]; onChange: (f: DraftField) => void; onMove: (by: number) => void; onRemove: () => void }) {
  const { field: f, customFields } = p;
  const id = useId();
  const change = (patch: Partial<DraftField>) => p.onChange(normalize({ ...f, ...patch }, customFields));
  const name = f.label || `field ${p.index + 1}`;
  return (
    <li className="form-field">
      <div className="row">
        <div className="field grow">
          <label htmlFor={`${id}-label`}>Label</label>
          <input id={`${id}-label`} value={f.label} required onChange={(e) => change({ label: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>Kind</label>
          <select id={`${id}-kind`} value={f.kind} disabled={f.mapsTo === 'title' || f.mapsTo === 'due' || f.mapsTo === 'priority'} onChange={(e) => change({ kind: e.target.value as DraftField['kind'] })}>
            {KINDS.map(([k, l]) => (
              <option key={k} value={k}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-maps`}>Fills in</label>
          <select id={`${id}-maps`} value={f.mapsTo} onChange={(e) => change({ mapsTo: e.target.value as DraftField['mapsTo'], fieldId: e.target.value === 'field' ? customFields[0]?.id : undefined })}>
            {TARGETS.filter(([t]) => t !== 'field' || customFields.length > 0).map(([t, l]) => (
              <option key={t} value={t}>
                {l}
              </option>
            ))}
          </select>
        </div>
        {f.mapsTo === 'field' && (
          <div className="field">
            <label htmlFor={`${id}-cf`}>Custom field</label>
            <select id={`${id}-cf`} value={f.fieldId ?? ''} onChange={(e) => change({ fieldId: e.target.value })}>
              {customFields.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <label className="check">
          <input type="checkbox" checked={f.required} disabled={f.mapsTo === 'title'} onChange={(e) => change({ required: e.target.checked })} /> Required
        </label>
      </div>
      {f.kind === 'choice' && f.mapsTo !== 'priority' && (
        <div className="field">
          <label htmlFor={`${id}-opts`}>Options (one per line)</label>
          <textarea id={`${id}-opts`} rows={3} defaultValue={optionsText(f)} onBlur={(e) => change({ options: parseOptions(e.target.value) })} />
        </div>
      )}
      <div className="row small">
        <span className="muted">key: {f.key}</span>
        <button type="button" className="secondary" disabled={p.index === 0} onClick={() => p.onMove(-1)} aria-label={`Move ${name} up`}>
          ↑
        </button>
        <button type="button" className="secondary" disabled={p.index === p.count - 1} onClick={() => p.onMove(1)} aria-label={`Move ${name} down`}>
          ↓
        </button>
        <button type="button" className="secondary" onClick={p.onRemove} aria-label={`Remove ${name}`}>
          Remove
        </button>
      </div>
    </li>
  );
}
