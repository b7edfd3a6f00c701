import { describe, expect, it } from 'vitest';
import { isWeftError } from '../errors';
import { parseQuery } from './parse-query';

const clause = (q: string) => parseQuery(q).clauses;

describe('parseQuery', () => {
  it('reads every built-in field', () => {
    const q =
      'status:todo category:in_progress assignee:me owner:none label:bug type:task priority:high space:OPS due:today ' +
      'start:2026-12-01 created:yesterday updated:-7d completed:none parent:OPS-1 is:blocked key:OPS-2 id:abc';
    expect(clause(q).map((c) => [c.field, c.values[0]])).toEqual([
      ['status', 'todo'],
      ['category', 'in_progress'],
      ['assignee', 'me'],
      ['owner', 'none'],
      ['label', 'bug'],
      ['type', 'task'],
      ['priority', 'high'],
      ['space', 'OPS'],
      ['due', 'today'],
      ['start', '2026-12-01'],
      ['created', 'yesterday'],
      ['updated', '-7d'],
      ['completed', 'none'],
      ['parent', 'OPS-1'],
      ['is', 'blocked'],
      ['key', 'OPS-2'],
      ['key', 'abc'],
    ]);
  });

  it('reads negation, OR lists, quotes and positions', () => {
    expect(parseQuery('-label:bug status:todo,"in progress"')).toEqual({
      clauses: [
        { field: 'label', op: '=', values: ['bug'], negated: true, position: 1 },
        { field: 'status', op: '=', values: ['todo', 'in progress'], negated: false, position: 11 },
      ],
      text: [],
      sort: [],
      group: null,
    });
  });

  it('collects bare words and quoted phrases as free text', () => {
    const ast = parseQuery('fix "login page" status:todo  crash');
    expect(ast.text).toEqual(['fix', 'login page', 'crash']);
    expect(ast.clauses).toHaveLength(1);
    expect(parseQuery('   ').clauses).toEqual([]);
  });

  it('reads comparison operators on ordered fields', () => {
    expect(clause('priority:>=high due:<2026-12-01 updated:>-2w start:<=tomorrow points:>3 priority:=low').map((c) => [c.op, c.values[0]])).toEqual([
      ['>=', 'high'],
      ['<', '2026-12-01'],
      ['>', '-2w'],
      ['<=', 'tomorrow'],
      ['>', '3'],
      ['=', 'low'],
    ]);
  });

  it('accepts relative dates, instants and day words', () => {
    const values = ['-7d', '+3d', '-2w', '-1m', '-12h', 'today', 'Tomorrow', 'yesterday', '2026-02-28', '2026-11-26T10:00:00Z'];
    for (const v of values) expect(clause(`due:>${v}`)[0].values).toHaveLength(1);
    expect(clause('due:Tomorrow')[0].values).toEqual(['tomorrow']);
  });

  it('expands a range into two inclusive comparisons', () => {
    expect(clause('due:2026-12-01..2026-12-31').map((c) => [c.op, c.values[0]])).toEqual([
      ['>=', '2026-12-01'],
      ['<=', '2026-12-31'],
    ]);
    expect(clause('priority:low..high').map((c) => c.op)).toEqual(['>=', '<=']);
  });

  it('reads custom fields by quoted name or underscored name', () => {
    expect(clause('"Customer tier":gold customer_tier:silver Customer-Tier:bronze').map((c) => c.field)).toEqual(['customer_tier', 'customer_tier', 'customer_tier']);
    expect(() => parseQuery('tier:gold', { customFields: ['Customer tier'] })).toThrow(/Unknown field/);
    expect(clause('"customer tier":gold').length).toBe(1);
  });

  it('returns sort and group apart from the filters', () => {
    const ast = parseQuery('sort:-priority,due sort:created:asc sort:title:desc group:assignee is:open');
    expect(ast.sort).toEqual([
      { field: 'priority', direction: 'desc' },
      { field: 'due', direction: 'asc' },
      { field: 'created', direction: 'asc' },
      { field: 'title', direction: 'desc' },
    ]);
    expect(ast.group).toBe('assignee');
    expect(ast.clauses.map((c) => c.field)).toEqual(['is']);
    expect(parseQuery('group:none').group).toBe('none');
    // A custom field: checked against the workspace's fields when given, else left to the compiler.
    expect(parseQuery('group:"Customer tier"').group).toBe('field:customer_tier');
    expect(parseQuery('group:Tier', { customFields: ['tier'] }).group).toBe('field:tier');
    expect(() => parseQuery('group:mood', { customFields: ['tier'] })).toThrow(/Cannot group by 'mood'/);
  });

  it('normalises values of closed vocabularies', () => {
    expect(clause('category:"In Progress",cancelled is:OPEN priority:HIGH').map((c) => c.values)).toEqual([['in_progress', 'canceled'], ['open'], ['high']]);
  });

  it('reads escaped quotes and colons inside values', () => {
    expect(clause('notes:"say \\"hi\\""')[0].values).toEqual(['say "hi"']);
    expect(clause('due:<2026-12-01T10:00Z')[0].values).toEqual(['2026-12-01T10:00Z']);
  });
});

describe('parseQuery errors', () => {
  const cases: Array<[string, number, number, RegExp]> = [
    ['status:"in progress', 7, 12, /Unterminated quote/],
    ['status:', 7, 1, /Empty value/],
    ['label:bug,', 10, 1, /Empty value/],
    ['label:bug,,ui', 10, 1, /Empty value/],
    ['priority:>=hgh', 11, 3, /Unknown priority/],
    ['status:>todo', 7, 1, /does not take '>'/],
    ['due:<2026-13-01', 5, 10, /not a date/],
    ['due:soon', 4, 4, /not a date/],
    ['is:open,flying', 8, 6, /Unknown 'is:' value/],
    ['category:later', 9, 5, /Unknown category/],
    ['x -bug', 2, 4, /Only field terms can be negated/],
    [':todo', 0, 1, /Missing field name/],
    ['sort:color', 5, 5, /Cannot sort by/],
    ['group:status group:label', 13, 5, /Only one 'group:'/],
    ['group:due', 6, 3, /Cannot group by/],
    ['priority:>high,low', 15, 3, /one value/],
    ['-due:2026-01-01..2026-02-01', 0, 27, /range cannot be negated/],
    ['due:..2026-02-01', 4, 12, /each side/],
    ['created:<overdue', 9, 7, /only to 'due:'/],
    ['due:<none', 5, 4, /cannot be compared/],
    ['-sort:due', 0, 5, /cannot be negated/],
    ['status:to"do', 9, 1, /Unexpected quote/],
  ];
  it.each(cases)('%s → offset %i', (input, position, length, message) => {
    try {
      parseQuery(input);
      expect.unreachable('should have thrown');
    } catch (e) {
      expect(isWeftError(e)).toBe(true);
      const err = e as { code: string; message: string; extra: unknown };
      expect(err.code).toBe('QUERY_INVALID');
      expect(err.message).toMatch(message);
      expect(err.extra).toEqual({ position, length });
    }
  });
});
