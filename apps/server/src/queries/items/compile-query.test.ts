import { createTestDb, type Database, type Dialect, testDialects, type WeftDb } from '@weft/db';
import { parseQuery } from '@weft/domain';
import { type Insertable, type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileQuery, type QueryContext } from './compile-query';

const W1 = 'ws1';
const W2 = 'ws2';
const [ANN, BOB, CARL] = ['u_ann', 'u_bob', 'u_carl'];
const NOW = new Date('2026-11-26T12:00:00.000Z');
const T = '2026-10-01T00:00:00.000Z';

type Row = Partial<Insertable<Database['items']>> & { key: string; status: string };
// Items of workspace 1: key → overrides. Status ids are `<space>_<status>`; dates are text as stored.
const ITEMS: Row[] = [
  { key: 'OPS-1', title: 'Fix login bug', status: 'todo', priority: 3, owner_id: ANN, due_at: '2026-11-20', created_at: '2026-11-01T09:00:00.000Z', updated_at: '2026-11-20T09:00:00.000Z' },
  { key: 'OPS-2', title: 'Foxes were jumping over fences', status: 'prog', priority: 4, due_at: '2026-11-26T10:00:00.000Z', created_at: '2026-11-10T09:00:00.000Z', updated_at: '2026-11-26T08:00:00.000Z' },
  { key: 'OPS-3', title: 'Write docs', status: 'done', priority: 1, due_at: '2026-11-01', completed_at: '2026-11-25T09:00:00.000Z', updated_at: '2026-11-25T09:00:00.000Z' },
  { key: 'OPS-4', title: 'Design review', status: 'todo', priority: 2, owner_id: ANN, parent_id: 'OPS-1', due_at: '2026-11-26', created_at: '2026-11-15T09:00:00.000Z' },
  { key: 'OPS-5', title: 'Database migration', status: 'backlog', due_at: '2026-11-27T10:00:00.000Z', created_at: '2026-11-16T09:00:00.000Z' },
  { key: 'OPS-6', title: 'Cache layer', status: 'todo', created_at: '2026-11-17T09:00:00.000Z' },
  { key: 'OPS-7', title: 'Homed elsewhere', status: 'todo', priority: 1, created_at: '2026-11-18T09:00:00.000Z' },
  { key: 'OPS-8', title: 'Deleted blocker', status: 'todo', deleted_at: T },
  { key: 'DEV-1', title: 'API rate limits', status: 'review', priority: 3 },
  { key: 'DEV-2', title: 'Mobile layout', status: 'canceled', priority: 4, owner_id: BOB },
  { key: 'DEV-3', title: 'Onboarding flow', status: 'todo', priority: 1, parent_id: 'DEV-1', start_at: '2026-12-01', due_at: '2026-12-10', updated_at: '2026-11-25T10:00:00.000Z' },
  { key: 'DEV-4', title: 'Search indexing', status: 'prog', type: 'bug', priority: 2, created_at: '2026-11-24T10:00:00.000Z' },
  { key: 'DEV-5', title: 'Billing export', status: 'done', type: 'request', completed_at: '2026-11-20T10:00:00.000Z' },
];
const id = (key: string) => `i_${key.toLowerCase().replace('-', '')}`;

async function seed(db: Kysely<Database>): Promise<void> {
  const users = [[ANN, 'Ann Lee'], [BOB, 'Bob Stone'], [CARL, 'Carl Bob']];
  await db.insertInto('users').values(users.map(([uid, name]) => ({ id: uid, name, email: `${name.split(' ')[0].toLowerCase()}@x.io`, password_hash: '-', time_zone: 'UTC', created_at: T, updated_at: T, version: 1 }))).execute();
  await db.insertInto('workspaces').values([W1, W2].map((w) => ({ id: w, name: w, slug: w, time_zone: 'UTC', created_at: T, updated_at: T, version: 1 }))).execute();
  await db.insertInto('members').values([[W1, ANN], [W1, BOB], [W2, CARL]].map(([w, u]) => ({ workspace_id: w, user_id: u, role: 'member', created_at: T, version: 1 }))).execute();
  const spaces = [[W1, 'ops', 'OPS'], [W1, 'dev', 'DEV'], [W2, 'x', 'X']];
  await db.insertInto('spaces').values(spaces.map(([w, sid, key]) => ({ id: sid, workspace_id: w, key, name: key, kind: 'stream', description: '', visibility: 'workspace', item_seq: 0, created_at: T, updated_at: T, version: 1 }))).execute();
  const statuses = [['backlog', 'Backlog', 'backlog'], ['todo', 'Todo', 'todo'], ['prog', 'In Progress', 'in_progress'], ['review', 'Review', 'in_progress'], ['done', 'Done', 'done'], ['canceled', 'Canceled', 'canceled']];
  await db.insertInto('statuses').values(spaces.flatMap(([, sid]) => statuses.map(([s, name, category], position) => ({ id: `${sid}_${s}`, space_id: sid, name, category, position })))).execute();
  await db.insertInto('item_types').values(['task', 'bug', 'request'].map((k) => ({ workspace_id: W1, key: k, name: k[0].toUpperCase() + k.slice(1) }))).execute();
  const all = [...ITEMS, { key: 'X-1', title: 'Fix login bug jumping', status: 'todo', priority: 4, owner_id: CARL, due_at: '2026-01-01', workspace_id: W2 }];
  for (const { key, status, ...row } of all) {
    const space = key.split('-')[0].toLowerCase();
    const category = statuses.find(([s]) => s === status)?.[2] ?? 'todo';
    await db.insertInto('items').values({ id: id(key), workspace_id: W1, space_id: space, number: Number(key.split('-')[1]), key, type: 'task', title: key, description: '', status_id: `${space}_${status}`, status_category: category, priority: 0, position: 'a0', created_by: ANN, created_at: T, version: 1, ...row, updated_at: row.updated_at ?? row.created_at ?? T, parent_id: row.parent_id ? id(row.parent_id) : null }).execute();
    await db.insertInto('item_search').values({ item_id: id(key), workspace_id: row.workspace_id ?? W1, content: `${row.title} ${key === 'DEV-4' ? 'comment: we jumped the gun' : ''}` }).execute();
  }
  await db.insertInto('item_assignees').values([['OPS-1', ANN], ['OPS-2', BOB], ['OPS-3', ANN], ['OPS-3', BOB], ['DEV-1', BOB], ['DEV-3', ANN], ['X-1', CARL]].map(([k, u]) => ({ item_id: id(k), user_id: u }))).execute();
  await db.insertInto('labels').values([['l_bug', W1, 'bug'], ['l_ui', W1, 'UI'], ['l_xbug', W2, 'bug']].map(([lid, w, name]) => ({ id: lid, workspace_id: w, name, created_at: T, version: 1 }))).execute();
  await db.insertInto('item_labels').values([['OPS-1', 'l_bug'], ['OPS-4', 'l_ui'], ['DEV-1', 'l_bug'], ['DEV-1', 'l_ui'], ['DEV-4', 'l_bug'], ['X-1', 'l_xbug']].map(([k, l]) => ({ item_id: id(k), label_id: l }))).execute();
  const links = [['OPS-1', 'OPS-5', 'blocks'], ['OPS-3', 'OPS-6', 'blocks'], ['OPS-8', 'OPS-6', 'blocks'], ['OPS-2', 'DEV-1', 'relates'], ['DEV-2', 'DEV-3', 'blocks'], ['DEV-4', 'DEV-1', 'blocks']];
  await db.insertInto('item_links').values(links.map(([a, b, kind], n) => ({ id: `lk${n}`, workspace_id: W1, from_item_id: id(a), to_item_id: id(b), kind, created_at: T }))).execute();
  await db.insertInto('item_homes').values({ item_id: id('OPS-7'), space_id: 'dev' }).execute();
  await db.insertInto('item_keys').values({ workspace_id: W1, key: 'DEV-9', item_id: id('OPS-7') }).execute();
  const tierOptions = JSON.stringify([{ id: 'o_gold', name: 'Gold' }, { id: 'o_silver', name: 'Silver' }]);
  const fields = [['f_tier', W1, 'Customer tier', 'select', tierOptions], ['f_pts', W1, 'Points', 'number', '[]'], ['f_fix', W1, 'Urgent fix', 'checkbox', '[]'], ['f_notes', W1, 'Notes', 'text', '[]'], ['f_ship', W1, 'Ship date', 'date', '[]'], ['f_xtier', W2, 'Customer tier', 'select', JSON.stringify([{ id: 'o_xgold', name: 'Gold' }])]];
  await db.insertInto('fields').values(fields.map(([fid, w, name, type, options]) => ({ id: fid, workspace_id: w, name, type, options, position: 0, created_at: T, version: 1 }))).execute();
  const values: Array<[string, string, string | null, number | null]> = [['OPS-2', 'f_tier', 'o_gold', null], ['DEV-1', 'f_tier', 'o_gold', null], ['OPS-4', 'f_tier', 'o_silver', null], ['X-1', 'f_xtier', 'o_xgold', null], ['OPS-2', 'f_pts', null, 2], ['OPS-4', 'f_pts', null, 5], ['DEV-1', 'f_pts', null, 8], ['DEV-2', 'f_pts', null, 3], ['DEV-1', 'f_fix', null, 1], ['DEV-2', 'f_fix', null, 0], ['DEV-1', 'f_notes', 'Check with Legal', null], ['DEV-1', 'f_ship', '2026-12-15', null]];
  await db.insertInto('item_field_values').values(values.map(([k, f, text_value, num_value]) => ({ item_id: id(k), field_id: f, ord: 0, text_value, num_value }))).execute();
}

const LIVE = ITEMS.filter((i) => !i.deleted_at).map((i) => i.key);
const except = (...keys: string[]) => LIVE.filter((k) => !keys.includes(k)).sort();
const OPEN = except('OPS-3', 'DEV-2', 'DEV-5');

describe.each(testDialects())('compileQuery on %s', (dialect: Dialect) => {
  let w: WeftDb;
  beforeAll(async () => {
    w = await createTestDb(dialect);
    await seed(w.db);
  });
  afterAll(() => w?.close());

  // What the caller does: scope to the workspace and live items, apply the where, the order.
  async function run(q: string, over: Partial<QueryContext> & { scoped?: boolean } = {}): Promise<string[]> {
    const { scoped = true, ...ctxOver } = over;
    const c = await compileQuery(parseQuery(q), { db: w.db, dialect, workspaceId: W1, userId: ANN, now: NOW, timeZone: 'UTC', ...ctxOver });
    let qb = w.db.selectFrom('items').select('items.key').where('items.deleted_at', 'is', null).where(c.where);
    if (scoped) qb = qb.where('items.workspace_id', '=', W1);
    for (const o of c.orderBy) qb = qb.orderBy(sql.ref(o.expr), o.direction);
    const keys = (await qb.execute()).map((r) => r.key);
    return c.orderBy.length ? keys : keys.sort();
  }

  const cases: Array<[string, string[]]> = [
    ['', LIVE.slice().sort()],
    ['status:todo', ['DEV-3', 'OPS-1', 'OPS-4', 'OPS-6', 'OPS-7']],
    ['status:in_progress,REVIEW', ['DEV-1', 'DEV-4', 'OPS-2']],
    ['status:"in progress" category:in_progress', ['DEV-4', 'OPS-2']],
    ['-category:done,canceled', OPEN],
    ['is:open', OPEN],
    ['is:closed', ['DEV-2', 'DEV-5', 'OPS-3']],
    ['assignee:me', ['DEV-3', 'OPS-1', 'OPS-3']],
    ['assignee:BOB@x.io', ['DEV-1', 'OPS-2', 'OPS-3']],
    ['assignee:"bob stone"', ['DEV-1', 'OPS-2', 'OPS-3']],
    ['assignee:none', ['DEV-2', 'DEV-4', 'DEV-5', 'OPS-4', 'OPS-5', 'OPS-6', 'OPS-7']],
    ['-assignee:me', except('DEV-3', 'OPS-1', 'OPS-3')],
    ['assignee:ann,none -is:closed', ['DEV-3', 'DEV-4', 'OPS-1', 'OPS-4', 'OPS-5', 'OPS-6', 'OPS-7']],
    ['owner:ann', ['OPS-1', 'OPS-4']],
    ['-owner:ann', except('OPS-1', 'OPS-4')],
    ['owner:none', except('OPS-1', 'OPS-4', 'DEV-2')],
    ['label:BUG', ['DEV-1', 'DEV-4', 'OPS-1']],
    ['label:bug,ui', ['DEV-1', 'DEV-4', 'OPS-1', 'OPS-4']],
    ['label:none', except('DEV-1', 'DEV-4', 'OPS-1', 'OPS-4')],
    ['label:nosuch', []],
    ['-label:nosuch', except()],
    ['type:bug', ['DEV-4']],
    ['type:Request,bug', ['DEV-4', 'DEV-5']],
    ['priority:>=high', ['DEV-1', 'DEV-2', 'OPS-1', 'OPS-2']],
    ['priority:<medium', ['DEV-3', 'DEV-5', 'OPS-3', 'OPS-5', 'OPS-6', 'OPS-7']],
    ['priority:low..medium', ['DEV-3', 'DEV-4', 'OPS-3', 'OPS-4', 'OPS-7']],
    ['space:dev', ['DEV-1', 'DEV-2', 'DEV-3', 'DEV-4', 'DEV-5', 'OPS-7']],
    ['space:NOPE', []],
    ['due:overdue', ['OPS-1', 'OPS-2']],
    ['due:<2026-12-01', ['OPS-1', 'OPS-2', 'OPS-3', 'OPS-4', 'OPS-5']],
    ['-due:<2026-12-01', except('OPS-1', 'OPS-2', 'OPS-3', 'OPS-4', 'OPS-5')],
    ['due:none', ['DEV-1', 'DEV-2', 'DEV-4', 'DEV-5', 'OPS-6', 'OPS-7']],
    ['due:today', ['OPS-2', 'OPS-4']],
    ['due:tomorrow,2026-12-10', ['DEV-3', 'OPS-5']],
    ['due:>=+7d', ['DEV-3']],
    ['start:2026-12-01', ['DEV-3']],
    ['updated:>-7d', ['DEV-3', 'DEV-4', 'OPS-1', 'OPS-2', 'OPS-3']],
    ['created:2026-11-24', ['DEV-4']],
    ['created:>=2026-11-16', ['DEV-4', 'OPS-5', 'OPS-6', 'OPS-7']],
    ['completed:yesterday', ['OPS-3']],
    ['completed:none', except('OPS-3', 'DEV-5')],
    ['parent:ops-1', ['OPS-4']],
    ['parent:none', except('OPS-4', 'DEV-3')],
    ['is:subitem', ['DEV-3', 'OPS-4']],
    ['is:blocked', ['DEV-1', 'OPS-5']],
    ['is:open -is:blocked', OPEN.filter((k) => k !== 'DEV-1' && k !== 'OPS-5')],
    ['key:OPS-2,dev-4', ['DEV-4', 'OPS-2']],
    ['key:DEV-9', ['OPS-7']],
    [`id:${id('OPS-3')}`, ['OPS-3']],
    ['"Customer tier":gold', ['DEV-1', 'OPS-2']],
    ['customer_tier:gold,Silver', ['DEV-1', 'OPS-2', 'OPS-4']],
    ['customer_tier:none', except('DEV-1', 'OPS-2', 'OPS-4')],
    ['-customer_tier:gold', except('DEV-1', 'OPS-2')],
    ['points:>=5', ['DEV-1', 'OPS-4']],
    ['points:3', ['DEV-2']],
    ['urgent_fix:true', ['DEV-1']],
    ['urgent_fix:false', except('DEV-1')],
    ['notes:"check with legal"', ['DEV-1']],
    ['"ship date":<2027-01-01', ['DEV-1']],
    ['jumped', ['DEV-4', 'OPS-2']],
    ['jumped foxes', ['OPS-2']],
    ['"login bug"', ['OPS-1']],
    ['fences status:todo', []],
    ['priority:>=high -label:bug is:open', ['OPS-2']],
    ['space:ops is:open sort:-priority,number', ['OPS-2', 'OPS-1', 'OPS-4', 'OPS-7', 'OPS-5', 'OPS-6']],
  ];
  it.each(cases)('%s', async (q, expected) => {
    expect(await run(q)).toEqual(expected);
  });

  it('reads overdue against the injected now and the reader’s zone', async () => {
    expect(await run('due:overdue', { now: new Date('2026-11-26T09:00:00.000Z') })).toEqual(['OPS-1']);
    // In Kiritimati (UTC+14) the 26th is already over, so the all-day OPS-4 is overdue.
    expect(await run('is:overdue', { timeZone: 'Pacific/Kiritimati' })).toEqual(['OPS-1', 'OPS-2', 'OPS-4']);
  });

  it('returns the sort as item columns', async () => {
    const c = await compileQuery(parseQuery('sort:-priority,due sort:key:asc'), { db: w.db, dialect, workspaceId: W1, userId: ANN, now: NOW, timeZone: 'UTC' });
    expect(c.orderBy).toEqual([
      { expr: 'items.priority', direction: 'desc' },
      { expr: 'items.due_at', direction: 'asc' },
      { expr: 'items.number', direction: 'asc' },
    ]);
  });

  it('never resolves names from another workspace', async () => {
    // Without the caller's workspace filter, only the lookups stand between W1 and W2's X-1.
    for (const q of ['status:todo', 'label:bug', 'assignee:carl', 'owner:carl', 'space:X', 'key:X-1', 'parent:X-1', 'customer_tier:gold']) {
      expect(await run(q, { scoped: false }), q).not.toContain('X-1');
    }
    expect(await run('assignee:carl', { scoped: false })).toEqual([]);
  });

  it('rejects unknown fields and values a field cannot take', async () => {
    const ctx = { db: w.db, dialect, workspaceId: W1, userId: ANN, now: NOW, timeZone: 'UTC' };
    await expect(compileQuery(parseQuery('is:open stauts:todo'), ctx)).rejects.toMatchObject({ code: 'QUERY_INVALID', extra: { position: 8, length: 6 } });
    await expect(compileQuery(parseQuery('points:lots'), ctx)).rejects.toMatchObject({ code: 'QUERY_INVALID' });
    await expect(compileQuery(parseQuery('customer_tier:>gold'), ctx)).rejects.toMatchObject({ code: 'QUERY_INVALID', message: /takes no '>'/ });
    await expect(compileQuery(parseQuery('urgent_fix:maybe'), ctx)).rejects.toMatchObject({ code: 'QUERY_INVALID' });
  });
});
