import { testDialects } from '@weft/db';
import type { Item } from '@weft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildItem, buildSpace, type SpaceJson, statusIn } from '../test/factories';
import { buildMember, buildUser, buildWorkspace, call, type TestApp, testApp, type TestUser } from '../test/harness';

describe.each(testDialects())('query-language listing on %s', (dialect) => {
  let t: TestApp;
  let owner: TestUser;
  let ana: TestUser;
  let bo: TestUser;
  let guest: TestUser;
  let outsider: TestUser;
  let ws: { id: string };
  let ops: SpaceJson;
  let dev: SpaceJson;
  let sec: SpaceJson;
  const items: Record<string, Item> = {};

  beforeAll(async () => {
    t = await testApp(dialect);
    owner = await buildUser(t, { name: 'Olga Owner' });
    ws = await buildWorkspace(t, owner);
    ana = await buildMember(t, ws.id, 'member', { name: 'Ana Lopez' });
    bo = await buildMember(t, ws.id, 'member', { name: 'Bo Chen' });
    guest = await buildMember(t, ws.id, 'guest', { name: 'Gus Guest' });
    outsider = await buildUser(t);
    await buildWorkspace(t, outsider, 'Elsewhere');
    ops = await buildSpace(t, owner, ws.id, { key: 'OPS', memberIds: [guest.id] });
    dev = await buildSpace(t, owner, ws.id, { key: 'DEV' });
    sec = await buildSpace(t, owner, ws.id, { key: 'SEC', visibility: 'members', memberIds: [ana.id] });
    const label = async (name: string) => (await call(t, owner, 'POST', `/api/v1/workspaces/${ws.id}/labels`, { name })).json().id as string;
    const bug = await label('bug');
    const ui = await label('ui');
    const points = (await call(t, owner, 'POST', `/api/v1/workspaces/${ws.id}/fields`, { name: 'Points', type: 'number' })).json().id as string;

    items.login = await buildItem(t, owner, ops.id, { title: 'Fix login', priority: 'high', assigneeIds: [ana.id], labelIds: [bug], dueAt: '2026-11-20' });
    items.docs = await buildItem(t, owner, ops.id, { title: 'Write docs', priority: 'low', labelIds: [ui], dueAt: '2026-12-15', statusId: statusIn(ops, 'in_progress') });
    items.ship = await buildItem(t, owner, dev.id, { title: 'Ship release', priority: 'urgent', assigneeIds: [bo.id], ownerId: bo.id, statusId: statusIn(dev, 'done'), fields: { [points]: 5 } });
    items.plan = await buildItem(t, owner, sec.id, { title: 'Secret plan', assigneeIds: [ana.id], labelIds: [bug] });
    items.sub = await buildItem(t, owner, dev.id, { title: 'Subtask', type: 'bug', priority: 'medium', parentId: items.login.id, fields: { [points]: 2 } });
    // Homed in DEV (which the guest cannot read) and also shown in OPS (which the guest can).
    items.homed = await buildItem(t, owner, dev.id, { title: 'Shared roadmap' });
    const homed = await call(t, owner, 'PATCH', `/api/v1/items/${items.homed.id}`, { alsoInSpaceIds: [ops.id], version: 1 });
    expect(homed.statusCode).toBe(200);
    expect((await call(t, owner, 'POST', `/api/v1/items/${items.login.id}/links`, { kind: 'blocks', itemId: items.docs.id })).statusCode).toBe(201);
  });
  afterAll(async () => t.close());

  const list = (u: TestUser | null, q: string, extra = '') => call(t, u, 'GET', `/api/v1/workspaces/${ws.id}/items?q=${encodeURIComponent(q)}${extra}`);
  async function titles(u: TestUser, q: string): Promise<string[]> {
    const res = await list(u, q);
    expect({ q, status: res.statusCode }).toEqual({ q, status: 200 });
    return res.json().data.map((i: Item) => i.title).sort();
  }

  it('lists only what the caller can read: visibility follows the home space, also for multi-homed items', async () => {
    expect(await titles(bo, '')).toEqual(['Fix login', 'Shared roadmap', 'Ship release', 'Subtask', 'Write docs']);
    expect(await titles(ana, '')).toEqual(['Fix login', 'Secret plan', 'Shared roadmap', 'Ship release', 'Subtask', 'Write docs']);
    expect(await titles(guest, '')).toEqual(['Fix login', 'Write docs']);
  });

  it('filters by each field family', async () => {
    const cases: Array<[TestUser, string, string[]]> = [
      [bo, 'status:"in progress"', ['Write docs']],
      [bo, 'category:done', ['Ship release']],
      [bo, 'category:todo,in_progress', ['Fix login', 'Shared roadmap', 'Subtask', 'Write docs']],
      [ana, 'assignee:me', ['Fix login', 'Secret plan']],
      [bo, 'assignee:ana', ['Fix login']],
      [bo, 'assignee:none', ['Shared roadmap', 'Subtask', 'Write docs']],
      [bo, 'owner:bo', ['Ship release']],
      [bo, 'label:bug', ['Fix login']],
      [bo, '-label:bug', ['Shared roadmap', 'Ship release', 'Subtask', 'Write docs']],
      [bo, 'type:bug', ['Subtask']],
      [bo, 'priority:>=high', ['Fix login', 'Ship release']],
      [bo, 'space:OPS', ['Fix login', 'Shared roadmap', 'Write docs']],
      [bo, 'due:<2026-12-01', ['Fix login']],
      [bo, 'due:overdue', ['Fix login']],
      [bo, 'updated:>-7d', ['Fix login', 'Shared roadmap', 'Ship release', 'Subtask', 'Write docs']],
      [bo, `parent:${items.login.key}`, ['Subtask']],
      [bo, 'is:closed', ['Ship release']],
      [bo, 'is:blocked', ['Write docs']],
      [bo, 'is:open label:bug', ['Fix login']],
      [bo, 'points:>=3', ['Ship release']],
      [bo, 'points:2', ['Subtask']],
      [bo, 'login', ['Fix login']],
      [bo, 'plan', []],
    ];
    for (const [u, q, want] of cases) expect({ q, got: await titles(u, q) }).toEqual({ q, got: want });
  });

  it('sorts, reports the group and pages without repeats', async () => {
    const sorted = (await list(bo, 'sort:-priority group:status')).json();
    expect(sorted.group).toBe('status');
    // A custom field by name: the web app groups by it; the API names it.
    const byField = (await list(bo, 'group:points')).json();
    expect(byField.group).toBe('field:points');
    expect(sorted.data.map((i: Item) => i.priority)).toEqual(['urgent', 'high', 'medium', 'low', 'none']);
    const pageAll = async (q: string) => {
      const seen: string[] = [];
      let cursor = '';
      for (let n = 0; n < 10; n += 1) {
        const res = (await list(bo, q, `&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
        seen.push(...res.data.map((i: Item) => i.title));
        if (!res.nextCursor) return seen;
        cursor = res.nextCursor;
      }
      throw new Error('never ended');
    };
    expect(await pageAll('sort:-priority')).toEqual(sorted.data.map((i: Item) => i.title));
    const byDefault = (await list(bo, '')).json();
    expect(byDefault.group).toBeNull();
    expect(await pageAll('')).toEqual(byDefault.data.map((i: Item) => i.title));
    const due = (await list(bo, 'sort:due')).json().data.map((i: Item) => i.dueAt);
    expect(due).toEqual(['2026-11-20', '2026-12-15', null, null, null]);
    const dueDesc = (await list(bo, 'sort:due:desc')).json().data.map((i: Item) => i.dueAt);
    expect(dueDesc).toEqual(['2026-12-15', '2026-11-20', null, null, null]);
  });

  it('answers a malformed query with 400 QUERY_INVALID and the position', async () => {
    for (const [q, position] of [
      ['label:bug priority:>=bogus', 21],
      ['is:open nosuchfield:1', 8],
      ['sort:shoe', 5],
      ['is:open group:nosuchfield', 14],
    ] as const) {
      const res = await list(bo, q);
      expect({ q, status: res.statusCode, code: res.json().code }).toEqual({ q, status: 400, code: 'QUERY_INVALID' });
      expect({ q, position: res.json().position }).toEqual({ q, position });
    }
  });

  it('answers 401, 404 for other workspaces and 400 for bad paging', async () => {
    expect((await list(null, '')).statusCode).toBe(401);
    const other = await list(outsider, '');
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('WORKSPACE_NOT_FOUND');
    for (const extra of ['&limit=201', '&limit=0', '&cursor=%%%', '&bogus=1']) expect((await list(bo, '', extra)).statusCode).toBe(400);
    expect((await list(bo, 'sort:-priority', `&cursor=${Buffer.from('[-5]').toString('base64url')}`)).statusCode).toBe(400);
  });

  it('lists the trash with deleted=true', async () => {
    const gone = await buildItem(t, owner, dev.id, { title: 'Trashed thing' });
    expect((await call(t, owner, 'DELETE', `/api/v1/items/${gone.id}`)).statusCode).toBe(200);
    expect(await titles(bo, 'trashed')).toEqual([]);
    const trash = (await list(bo, '', '&deleted=true')).json().data.map((i: Item) => i.title);
    expect(trash).toEqual(['Trashed thing']);
  });
});
