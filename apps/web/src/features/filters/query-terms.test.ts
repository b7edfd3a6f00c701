import { parseQuery as parseOnServer } from '@weft/domain';
import { describe, expect, it } from 'vitest';
import { buildQuery, type FilterRow, newRow, parseQuery } from './query-terms';

// What the visual filter builder writes must mean, to the server's own parser (@weft/domain), what
// the rows say; and reading a query back into rows must keep every term it cannot show.
const row = (r: Partial<FilterRow> & Pick<FilterRow, 'field'>): FilterRow => ({ ...newRow(r.field), ...r });

describe('filter builder ↔ query language', () => {
  it('writes rows the server parses into the same clauses', () => {
    const q = buildQuery(
      [
        row({ field: 'status', op: 'not', value: 'In Review' }),
        row({ field: 'assignee', op: 'is', value: 'Ana Lopez' }),
        row({ field: 'priority', op: '>=', value: 'high' }),
        row({ field: 'label', op: 'is', value: 'needs "design"' }),
        row({ field: 'due', op: 'between', value: '2026-12-01', value2: '2026-12-24' }),
        row({ field: 'type', op: 'is', value: '' }),
      ],
      [],
    );
    const ast = parseOnServer(q);
    expect(ast.text).toEqual([]);
    expect(ast.clauses.map((c) => [c.field, c.op, c.values, c.negated])).toEqual([
      ['status', '=', ['In Review'], true],
      ['assignee', '=', ['Ana Lopez'], false],
      ['priority', '>=', ['high'], false],
      ['label', '=', ['needs "design"'], false],
      // a range is two comparisons to the server
      ['due', '>=', ['2026-12-01'], false],
      ['due', '<=', ['2026-12-24'], false],
    ]);
  });

  it('reads a query back into rows, keeping what it cannot show (free text, OR lists, sort) as it was', () => {
    const { rows, rest } = parseQuery('priority:>=high "login bug" label:ui,backend due:overdue sort:due -status:Done');
    expect(rows.map((r) => [r.field, r.op, r.value])).toEqual([
      ['priority', '>=', 'high'],
      ['due', 'overdue', ''],
      ['status', 'not', 'Done'],
    ]);
    expect(rest).toEqual(['"login bug"', 'label:ui,backend', 'sort:due']);
    expect(parseOnServer(buildQuery(rows, rest))).toEqual(parseOnServer('priority:>=high due:overdue -status:Done "login bug" label:ui,backend sort:due'));
  });
});
