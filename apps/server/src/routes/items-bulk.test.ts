import { testDialects } from '@weft/db';
import type { Item } from '@weft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildItem, buildSpace, type SpaceJson, statusIn } from '../test/factories';
import { buildMember, buildUser, buildWorkspace, call, dbDigest, type TestApp, testApp, type TestUser } from '../test/harness';

describe.each(testDialects())('bulk item changes on %s', (dialect) => {
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
  let bug: string;
  let ui: string;

  beforeAll(async () => {
    t = await testApp(dialect);
    owner = await buildUser(t);
    ws = await buildWorkspace(t, owner);
    ana = await buildMember(t, ws.id, 'member');
    bo = await buildMember(t, ws.id, 'member');
    guest = await buildMember(t, ws.id, 'guest');
    outsider = await buildUser(t);
    await buildWorkspace(t, outsider, 'Elsewhere');
    ops = await buildSpace(t, owner, ws.id, { memberIds: [guest.id] });
    dev = await buildSpace(t, owner, ws.id);
    sec = await buildSpace(t, owner, ws.id, { visibility: 'members', memberIds: [ana.id] });
    bug = (await call(t, owner, 'POST', `/api/v1/workspaces/${ws.id}/labels`, { name: 'bug' })).json().id;
    ui = (await call(t, owner, 'POST', `/api/v1/workspaces/${ws.id}/labels`, { name: 'ui' })).json().id;
  });
  afterAll(async () => t.close());

  const bulk = (u: TestUser | null, body: unknown) => call(t, u, 'POST', `/api/v1/workspaces/${ws.id}/items/bulk`, body);
  const eventsOf = (ids: string[]) => t.deps.store.db.selectFrom('events').selectAll().where('item_id', 'in', ids).where('type', '=', 'item.updated').orderBy('id').execute();

  it('moves items into and out of a done status like single updates do', async () => {
    const a = await buildItem(t, owner, ops.id);
    const b = await buildItem(t, owner, ops.id);
    t.clock.advance(60_000);
    const done = await bulk(ana, { itemIds: [a.id, b.id], set: { statusId: statusIn(ops, 'done') } });
    expect(done.statusCode).toBe(200);
    const now = t.clock.now().toISOString();
    expect(done.json().data.map((i: Item) => [i.id, i.statusCategory, i.completedAt, i.version])).toEqual([
      [a.id, 'done', now, 2],
      [b.id, 'done', now, 2],
    ]);
    t.clock.advance(60_000);
    const back = await bulk(ana, { itemIds: [a.id, b.id], set: { statusId: statusIn(ops, 'todo') } });
    expect(back.json().data.map((i: Item) => [i.statusCategory, i.completedAt, i.version])).toEqual([
      ['todo', null, 3],
      ['todo', null, 3],
    ]);
    const events = await eventsOf([a.id, b.id]);
    expect(events).toHaveLength(4);
    expect(events.every((e) => e.actor_id === ana.id)).toBe(true);
    expect(JSON.parse(events[0].data).changes.statusCategory).toEqual({ from: 'todo', to: 'done' });
  });

  it('sets priority and replaces, adds to and removes from assignees and labels', async () => {
    const a = await buildItem(t, owner, ops.id, { assigneeIds: [ana.id], labelIds: [bug] });
    const b = await buildItem(t, owner, ops.id, { assigneeIds: [bo.id] });
    const add = await bulk(bo, { itemIds: [a.id, b.id], set: { priority: 'high', addAssigneeIds: [guest.id], removeAssigneeIds: [ana.id], addLabelIds: [ui] } });
    expect(add.statusCode).toBe(200);
    expect(add.json().data.map((i: Item) => [i.priority, [...i.assigneeIds].sort(), [...i.labelIds].sort()])).toEqual([
      ['high', [guest.id], [bug, ui].sort()],
      ['high', [bo.id, guest.id].sort(), [ui]],
    ]);
    const replace = await bulk(bo, { itemIds: [a.id, b.id], set: { assigneeIds: [ana.id], labelIds: [] } });
    expect(replace.json().data.map((i: Item) => [i.assigneeIds, i.labelIds])).toEqual([
      [[ana.id], []],
      [[ana.id], []],
    ]);
    // Already in the wanted state: nothing is written, no event, no new version.
    const before = await dbDigest(t);
    const same = await bulk(bo, { itemIds: [a.id, b.id], set: { priority: 'high', removeLabelIds: [bug] } });
    expect(same.statusCode).toBe(200);
    expect(same.json().data.map((i: Item) => i.version)).toEqual([3, 3]);
    expect(await dbDigest(t)).toBe(before);
  });

  it('changes all or nothing: one forbidden item fails the request with nothing written', async () => {
    const mine = await buildItem(t, guest, ops.id);
    const assigned = await buildItem(t, owner, ops.id, { assigneeIds: [guest.id] });
    const notMine = await buildItem(t, owner, ops.id);
    const ok = await bulk(guest, { itemIds: [mine.id, assigned.id], set: { priority: 'low' } });
    expect(ok.statusCode).toBe(200);
    const before = await dbDigest(t);
    const res = await bulk(guest, { itemIds: [mine.id, assigned.id, notMine.id], set: { priority: 'urgent' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    expect(await dbDigest(t)).toBe(before);
  });

  it('answers 404 for ids that are missing, elsewhere or unreadable, with nothing written', async () => {
    const visible = await buildItem(t, owner, ops.id);
    const hidden = await buildItem(t, owner, sec.id);
    const elsewhereWs = await buildWorkspace(t, owner, 'Second');
    const elsewhere = await buildItem(t, owner, (await buildSpace(t, owner, elsewhereWs.id)).id);
    const before = await dbDigest(t);
    for (const id of [hidden.id, elsewhere.id, '0190a1b2c3d4e5f60718293a4b5c6d7e']) {
      const res = await bulk(bo, { itemIds: [visible.id, id], set: { priority: 'urgent' } });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('ITEM_NOT_FOUND');
    }
    expect(await dbDigest(t)).toBe(before);
    expect((await bulk(ana, { itemIds: [visible.id, hidden.id], set: { priority: 'urgent' } })).statusCode).toBe(200);
  });

  it('changes 200 items in one request, one event each', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 200; i += 1) ids.push((await buildItem(t, owner, dev.id, { title: `batch ${i}` })).id);
    const res = await bulk(ana, { itemIds: ids, set: { statusId: statusIn(dev, 'in_progress'), priority: 'medium', addLabelIds: [bug], addAssigneeIds: [bo.id] } });
    expect(res.statusCode).toBe(200);
    const data: Item[] = res.json().data;
    expect(data.map((i) => i.id)).toEqual(ids);
    expect(data.every((i) => i.statusCategory === 'in_progress' && i.priority === 'medium' && i.labelIds[0] === bug && i.assigneeIds[0] === bo.id && i.version === 2)).toBe(true);
    expect(await eventsOf(ids)).toHaveLength(200);
    expect(new Set(data.map((i) => i.position)).size).toBe(200);
  });

  it('refuses bad input with 400 and nothing written', async () => {
    const a = await buildItem(t, owner, ops.id);
    const d = await buildItem(t, owner, dev.id);
    const before = await dbDigest(t);
    const bodies: unknown[] = [
      { itemIds: [a.id], set: {} },
      { itemIds: [], set: { priority: 'low' } },
      { itemIds: [a.id], set: { priority: 'highest' } },
      { itemIds: [a.id], set: { priority: 'low', color: 'red' } },
      { itemIds: Array.from({ length: 1001 }, (_, i) => `id${i}`), set: { priority: 'low' } },
      { itemIds: [a.id], set: { assigneeIds: [bo.id], addAssigneeIds: [ana.id] } },
      { itemIds: [a.id], set: { delete: true, priority: 'low' } },
      { itemIds: [a.id, d.id], set: { statusId: statusIn(ops, 'done') } },
      { itemIds: [a.id], set: { addAssigneeIds: [outsider.id] } },
      { itemIds: [a.id], set: { addLabelIds: ['0190a1b2c3d4e5f60718293a4b5c6d7e'] } },
    ];
    for (const body of bodies) {
      const res = await bulk(owner, body);
      expect({ body, status: res.statusCode, code: res.json().code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
    }
    const wrongStatus = await bulk(owner, { itemIds: [a.id, d.id], set: { statusId: statusIn(ops, 'done') } });
    expect(wrongStatus.json().errors[0].path).toBe('body.set.statusId');
    expect(await dbDigest(t)).toBe(before);
  });

  it('refuses trashed items with 422 and nothing written, whatever the change', async () => {
    const a = await buildItem(t, owner, ops.id);
    const gone = await buildItem(t, owner, ops.id);
    expect((await call(t, owner, 'DELETE', `/api/v1/items/${gone.id}`)).statusCode).toBe(200);
    const before = await dbDigest(t);
    for (const set of [{ priority: 'low' }, { spaceId: dev.id }, { delete: true }]) {
      const res = await bulk(owner, { itemIds: [a.id, gone.id], set });
      expect({ set, status: res.statusCode, code: res.json().code }).toEqual({ set, status: 422, code: 'UNPROCESSABLE' });
    }
    expect(await dbDigest(t)).toBe(before);
  });

  it('moves many items to another space and trashes many, in one transaction each', async () => {
    const items = [await buildItem(t, owner, ops.id), await buildItem(t, owner, ops.id), await buildItem(t, owner, ops.id)];
    const ids = items.map((i) => i.id);
    const moved = await bulk(owner, { itemIds: ids, set: { spaceId: dev.id, statusId: statusIn(dev, 'in_progress') } });
    expect(moved.statusCode).toBe(200);
    for (const [i, it] of (moved.json().data as Item[]).entries()) {
      expect(it).toMatchObject({ spaceId: dev.id, statusId: statusIn(dev, 'in_progress'), version: items[i].version + 1 });
      expect(it.key.startsWith(`${dev.key}-`)).toBe(true);
      // The old key still resolves to the moved item.
      expect((await call(t, owner, 'GET', `/api/v1/items/${items[i].key}`)).json().id).toBe(it.id);
    }
    const movedEvents = await t.deps.store.db.selectFrom('events').select('type').where('item_id', 'in', ids).where('type', '=', 'item.moved').execute();
    expect(movedEvents).toHaveLength(3);
    const mixed = await bulk(owner, { itemIds: ids, set: { spaceId: ops.id, priority: 'high' } });
    expect(mixed.statusCode).toBe(400);
    const trashed = await bulk(owner, { itemIds: ids, set: { delete: true } });
    expect(trashed.statusCode).toBe(200);
    for (const it of trashed.json().data as Item[]) expect(it.deletedAt).not.toBeNull();
    // A guest may only trash what they created: one foreign item makes the whole request fail.
    const own = (await call(t, guest, 'POST', `/api/v1/spaces/${ops.id}/items`, { title: 'guest item' })).json();
    const foreign = await buildItem(t, owner, ops.id);
    const before = await dbDigest(t);
    const refused = await bulk(guest, { itemIds: [own.id, foreign.id], set: { delete: true } });
    expect(refused.statusCode).toBe(403);
    expect(await dbDigest(t)).toBe(before);
  });

  it('answers 401 to anonymous callers and 404 to other workspaces', async () => {
    const a = await buildItem(t, owner, ops.id);
    expect((await bulk(null, { itemIds: [a.id], set: { priority: 'low' } })).statusCode).toBe(401);
    const other = await bulk(outsider, { itemIds: [a.id], set: { priority: 'low' } });
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('WORKSPACE_NOT_FOUND');
  });
});
