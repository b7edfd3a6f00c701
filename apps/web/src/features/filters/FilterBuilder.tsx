import type { Space } from '@weft/client';
import { useState } from 'react';
import { PRIORITIES } from '../../lib/api';
import { useMembers } from '../../lib/queries';
import { useItemTypes } from '../items/item-lookups';
import { useLabels } from '../spaces/lookups';
import { buildQuery, FILTER_FIELDS, type FilterField, type FilterRow, newRow, OPERATORS, parseQuery } from './query-terms';
import './filters.css';

const FIELD_LABELS: Record<FilterField, string> = { status: 'Status', assignee: 'Assignee', priority: 'Priority', label: 'Label', due: 'Due date', type: 'Type' };

/** The values offered for a field: the space's statuses, the workspace's people, labels and types. */
function useChoices(space: Space): Record<Exclude<FilterField, 'due'>, string[]> {
  const ws = space.workspaceId;
  const members = useMembers(ws);
  const labels = useLabels(ws);
  const types = useItemTypes(ws);
  // Each list once: two people may share a name (the query language matches them both), and a
  // repeated value would also repeat a React key, leaving a stale option behind on the next field.
  const once = (values: string[]) => [...new Set(values)];
  return {
    status: once([...space.statuses].sort((a, b) => a.position - b.position).map((s) => s.name)),
    assignee: once(['me', 'none', ...(members.data ?? []).map((m) => m.name)]),
    priority: [...PRIORITIES],
    label: once(['none', ...(labels.data ?? []).map((l) => l.name)]),
    type: once((types.data ?? []).map((t) => t.key)),
  };
}

/**
 * Rows of field / operator / value that write the query language into the filter box as they
 * change (the box stays the one source of truth); Apply runs it. Terms the rows cannot show are kept.
 */
export function FilterBuilder({ space, query, onChange, onApply }: { space: Space; query: string; onChange: (q: string) => void; onApply: (q: string) => void }) {
  const [{ rows, rest }, setState] = useState(() => {
    const p = parseQuery(query);
    return { rows: p.rows.length > 0 ? p.rows : [newRow()], rest: p.rest };
  });
  const choices = useChoices(space);
  const update = (next: FilterRow[]) => {
    setState({ rows: next, rest });
    onChange(buildQuery(next, rest));
  };
  const change = (id: number, patch: Partial<FilterRow>) => update(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));

  return (
    <section className="filter-builder" aria-label="Filter builder">
      {rows.map((r, n) => {
        const label = `filter ${n + 1}`;
        const values = r.field === 'due' ? [] : choices[r.field];
        const needsDate = r.field === 'due' && r.op !== 'overdue' && r.op !== 'none';
        return (
          <div key={r.id} className="filter-row" data-row={n + 1}>
            <select aria-label={`Field of ${label}`} value={r.field} onChange={(e) => change(r.id, { ...newRow(e.target.value as FilterField), id: r.id })}>
              {FILTER_FIELDS.map((f) => (
                <option key={f} value={f}>
                  {FIELD_LABELS[f]}
                </option>
              ))}
            </select>
            <select aria-label={`Operator of ${label}`} value={r.op} onChange={(e) => change(r.id, { op: e.target.value })}>
              {OPERATORS[r.field].map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
            {r.field !== 'due' && (
              <select aria-label={`Value of ${label}`} value={r.value} onChange={(e) => change(r.id, { value: e.target.value })}>
                <option value="">Choose…</option>
                {!values.includes(r.value) && r.value && <option value={r.value}>{r.value}</option>}
                {values.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            )}
            {needsDate && <input type="date" aria-label={`${r.op === 'between' ? 'From date' : 'Date'} of ${label}`} value={r.value} onChange={(e) => change(r.id, { value: e.target.value })} />}
            {needsDate && r.op === 'between' && <input type="date" aria-label={`To date of ${label}`} value={r.value2 ?? ''} onChange={(e) => change(r.id, { value2: e.target.value })} />}
            <button type="button" className="secondary" aria-label={`Remove ${label}`} onClick={() => update(rows.filter((x) => x.id !== r.id))}>
              ×
            </button>
          </div>
        );
      })}
      <div className="row">
        <button type="button" className="secondary" onClick={() => update([...rows, newRow()])}>
          + Add filter
        </button>
        <button type="button" onClick={() => onApply(buildQuery(rows, rest))}>
          Apply filters
        </button>
        {rest.length > 0 && <span className="muted small">Also kept: {rest.join(' ')}</span>}
      </div>
    </section>
  );
}
