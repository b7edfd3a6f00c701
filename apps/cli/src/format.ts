/** Plain-text tables for people; `--json` is the format for programs. */
export function table(headers: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const cells = rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))));
  const widths = headers.map((h, i) => Math.min(60, Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length))));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : truncate(c, widths[i]).padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), ...cells.map(line)].join('\n');
}

function truncate(s: string, width: number): string {
  return s.length <= width ? s : `${s.slice(0, width - 1)}…`;
}

/** `2026-11-26T12:00:00.000Z` → `2026-11-26 12:00` (UTC); a bare date stays as it is. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return iso.replace('T', ' ').slice(0, 16);
}

/** A due date, marked when it has passed and the item is still open. */
export function due(dueAt: string | null, open: boolean, now = new Date()): string {
  if (!dueAt) return '';
  const passed = Date.parse(dueAt.length === 10 ? `${dueAt}T23:59:59Z` : dueAt) < now.getTime();
  return open && passed ? `${when(dueAt)} (overdue)` : when(dueAt);
}
