/*
 * The visual filter builder's model: rows of field / operator / value that read from and write to
 * the query language (docs/api.md). Only the terms a row can show become rows; every other term
 * (free text, sort:, other fields, OR lists) is kept as written, so the round trip loses nothing.
 * The domain package has the real parser, but importing its runtime would pull zod into the bundle.
 */

export const FILTER_FIELDS = ['status', 'assignee', 'priority', 'label', 'due', 'type'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

export const OPERATORS: Record<FilterField, readonly { id: string; label: string }[]> = {
  status: [
    { id: 'is', label: 'is' },
    { id: 'not', label: 'is not' },
  ],
  assignee: [
    { id: 'is', label: 'is' },
    { id: 'not', label: 'is not' },
  ],
  label: [
    { id: 'is', label: 'is' },
    { id: 'not', label: 'is not' },
  ],
  type: [
    { id: 'is', label: 'is' },
    { id: 'not', label: 'is not' },
  ],
  priority: [
    { id: '=', label: 'is' },
    { id: '>=', label: 'at least' },
    { id: '<=', label: 'at most' },
    { id: '>', label: 'above' },
    { id: '<', label: 'below' },
  ],
  due: [
    { id: '<', label: 'before' },
    { id: '<=', label: 'on or before' },
    { id: '=', label: 'on' },
    { id: '>=', label: 'on or after' },
    { id: '>', label: 'after' },
    { id: 'between', label: 'between' },
    { id: 'overdue', label: 'is overdue' },
    { id: 'none', label: 'has none' },
  ],
};

export type FilterRow = { id: number; field: FilterField; op: string; value: string; value2?: string };
export type ParsedQuery = { rows: FilterRow[]; rest: string[] };

let nextId = 1;
export const newRow = (field: FilterField = 'status'): FilterRow => ({ id: nextId++, field, op: OPERATORS[field][0]?.id ?? 'is', value: '' });

/** Splits a query into terms at spaces outside double quotes. */
export function splitTerms(q: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < q.length; i++) {
    const c = q[i] as string;
    if (c === '\\' && quoted && i + 1 < q.length) {
      cur += c + q[++i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (/\s/.test(c) && !quoted) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

/** A value as the language wants it: quoted when it holds a space, comma, colon or quote. */
export const quote = (v: string): string => (/[\s,:"\\]/.test(v) || v === '' ? `"${v.replace(/[\\"]/g, (m) => `\\${m}`)}"` : v);

const unquote = (v: string): string | null => {
  if (v.startsWith('"')) return v.length >= 2 && v.endsWith('"') ? v.slice(1, -1).replace(/\\(["\\])/g, '$1') : null;
  return v.includes(',') || v.includes('"') ? null : v;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseTerm(term: string): FilterRow | null {
  const m = /^(-?)(status|assignee|priority|label|due|type):(.*)$/i.exec(term);
  if (!m) return null;
  const negated = m[1] === '-';
  const field = (m[2] as string).toLowerCase() as FilterField;
  const raw = m[3] as string;
  if (field === 'priority' || field === 'due') {
    if (negated) return null;
    const op = /^(>=|<=|>|<|=)?(.*)$/.exec(raw);
    const sign = op?.[1] ?? '=';
    const value = unquote(op?.[2] ?? '');
    if (value === null || value === '') return null;
    if (field === 'priority') return { ...newRow(field), op: sign, value };
    if (sign === '=' && (value === 'overdue' || value === 'none')) return { ...newRow(field), op: value, value: '' };
    const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value);
    if (range && sign === '=') return { ...newRow(field), op: 'between', value: range[1] as string, value2: range[2] as string };
    return DATE.test(value) ? { ...newRow(field), op: sign, value } : null;
  }
  const value = unquote(raw);
  if (value === null || value === '') return null;
  return { ...newRow(field), op: negated ? 'not' : 'is', value };
}

/** Reads the rows a builder can show out of a query; the other terms are kept in `rest`. */
export function parseQuery(q: string): ParsedQuery {
  const rows: FilterRow[] = [];
  const rest: string[] = [];
  for (const t of splitTerms(q)) {
    const row = parseTerm(t);
    if (row) rows.push(row);
    else rest.push(t);
  }
  return { rows, rest };
}

/** One row as a term; null while it is incomplete (no value yet). */
export function rowToTerm(r: FilterRow): string | null {
  if (r.field === 'due') {
    if (r.op === 'overdue' || r.op === 'none') return `due:${r.op}`;
    if (r.op === 'between') return DATE.test(r.value) && DATE.test(r.value2 ?? '') ? `due:${r.value}..${r.value2}` : null;
    if (!DATE.test(r.value)) return null;
    return `due:${r.op === '=' ? '' : r.op}${r.value}`;
  }
  if (!r.value.trim()) return null;
  if (r.field === 'priority') return `priority:${r.op === '=' ? '' : r.op}${r.value}`;
  return `${r.op === 'not' ? '-' : ''}${r.field}:${quote(r.value.trim())}`;
}

/** The query a builder writes: its rows, then the terms it does not show, as they were. */
export function buildQuery(rows: FilterRow[], rest: string[]): string {
  return [...rows.map(rowToTerm).filter((t): t is string => t !== null), ...rest].join(' ');
}
