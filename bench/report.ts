import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type Target = { op: '>=' | '<='; value: number; of: 'value' | 'ratio' | 'p95' | 'p99' };
export type Row = {
  section: string;
  name: string;
  /** the headline figure; null when it could not be produced (then `note` says why) */
  value: number | null;
  unit: string;
  p50?: number | null;
  p95?: number | null;
  p99?: number | null;
  /** throughput rows: value / baseline median req/s, measured in the same run */
  ratio?: number | null;
  target?: Target | null;
  pass?: boolean | null;
  note?: string;
  detail?: Record<string, unknown>;
};

/** Fills in pass/fail from the target (null when there is no target or no figure). */
export function judge(row: Row): Row {
  const t = row.target;
  if (!t) return { ...row, pass: null };
  const v = t.of === 'value' ? row.value : t.of === 'ratio' ? row.ratio : t.of === 'p95' ? row.p95 : row.p99;
  if (v === null || v === undefined || !Number.isFinite(v)) return { ...row, pass: null };
  return { ...row, pass: t.op === '>=' ? v >= t.value : v <= t.value };
}

const fmt = (v: number | null | undefined, digits?: number) => {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  const d = digits ?? (Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2);
  return v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
};
const targetText = (t?: Target | null) => (t ? `${t.of === 'value' ? '' : `${t.of} `}${t.op === '>=' ? '≥' : '≤'} ${fmt(t.value)}` : '');
const passText = (p?: boolean | null) => (p === true ? 'pass' : p === false ? 'FAIL' : '');

/** The rows as a Markdown table (printed to the terminal and pasted into docs/performance.md). */
export function table(rows: Row[]): string {
  const head = ['section', 'row', 'value', 'unit', 'p50 ms', 'p95 ms', 'p99 ms', 'ratio', 'target', 'result'];
  const lines = rows.map((r) => [
    r.section,
    r.name + (r.note ? ` (${r.note})` : ''),
    fmt(r.value),
    r.unit,
    fmt(r.p50),
    fmt(r.p95),
    fmt(r.p99),
    r.ratio === undefined ? '' : fmt(r.ratio, 2),
    targetText(r.target),
    passText(r.pass),
  ]);
  const out = [head, head.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`);
  return out.join('\n');
}

/** Rows whose headline figure (or a latency it promised) is missing. */
export function missingFigures(rows: Row[]): Row[] {
  const bad = (v: number | null | undefined) => v === null || (v !== undefined && !Number.isFinite(v));
  return rows.filter((r) => bad(r.value) || bad(r.p50) || bad(r.p95) || bad(r.p99) || bad(r.ratio));
}

export function writeJson(file: string, data: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}
