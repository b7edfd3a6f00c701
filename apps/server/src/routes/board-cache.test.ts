import { testDialects } from '@weft/db';
import type { Item } from '@weft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardJson } from '../queries/items/board-cache';
import { membershipOf } from '../queries/access';
import { buildItem, buildSpace, statusIn } from '../test/factories';
import { buildMember, buildUser, buildWorkspace, call, type TestApp, type TestUser, testApp } from '../test/harness';

const api = '/api/v1';

/**
 * The board is served from a cache brought up to date from the event log
 * (queries/items/board-cache.ts). Oracle: after every kind of change, the board (warm cache) must
 * equal the cards of the paged item list (always read from the tables), in the same order.
 */
describe.each(testDialects())('board cache on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
  });
  afterAll(async () => t.close());

  async function expectFresh(u: TestUser, spaceId: string, statusIds?: string[]) {
    const res = await call(t, u, 'GET', `${api}/spaces/${spaceId}/board`);
    expect(res.statusCode).toBe(200);
    const board = res.json();
    const list = (await call(t, u, 'GET', `${api}/spaces/${spaceId}/items?limit=200`)).json().data as Item[];
    const wsId = (await call(t, u, 'GET', `${api}/spaces/${spaceId}`)).json().workspaceId;
    const fields = (await call(t, u, 'GET', `${api}/workspaces/${wsId}/fields?limit=200`)).json().data as Array<{ id: string; type: string }>;
    const selects = new Set(fields.filter((f) => f.type === 'select').map((f) => f.id));
    const card = (it: Item) => ({
      ...{ id: it.id, key: it.key, title: it.title, type: it.type, statusId: it.statusId, position: it.position, priority: it.priority, assigneeIds: it.assigneeIds, labelIds: it.labelIds },
      ...{ dueAt: it.dueAt, spaceId: it.spaceId, version: it.version, fields: Object.fromEntries(Object.entries(it.fields).filter(([id]) => selects.has(id))) },
    });
    expect(board.items).toEqual(list.map(card));
    const statuses = (await call(t, u, 'GET', `${api}/spaces/${spaceId}/statuses`)).json().data;
    expect(board.statuses).toEqual(statuses.map((s: { id: string; name: string; category: string; position: number }) => ({ id: s.id, name: s.name, category: s.category, position: s.position })));
    if (statusIds) expect(board.statuses.map((s: { id: string }) => s.id)).toEqual(statusIds);
    return board as { items: Array<{ id: string; title: string; labelIds: string[]; statusId: string; fields: Record<string, string> }> };
  }

  it('follows every kind of change made after it was read', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const s = await buildSpace(t, a, ws.id, { key: 'CCH' });
    const other = await buildSpace(t, a, ws.id, { key: 'CCO' });
    const b = await buildMember(t, ws.id, 'member');
    const zed = (await call(t, a, 'POST', `${api}/workspaces/${ws.id}/labels`, { name: 'zed' })).json();
    const alpha = (await call(t, a, 'POST', `${api}/workspaces/${ws.id}/labels`, { name: 'alpha' })).json();
    const items: Item[] = [];
    for (let i = 0; i < 5; i++) items.push(await buildItem(t, a, s.id, { title: `Card ${i}`, statusId: statusIn(s, 'todo') }));
    await expectFresh(a, s.id);

    // a new item, an edit of every card field, a move within and across columns
    items.push(await buildItem(t, a, s.id, { title: 'Late', labelIds: [zed.id, alpha.id] }));
    const patched = await call(t, a, 'PATCH', `${api}/items/${items[0].id}`, { title: 'Renamed', priority: 'urgent', assigneeIds: [b.id], dueAt: '2027-01-02', version: items[0].version });
    expect(patched.statusCode).toBe(200);
    expect((await call(t, a, 'POST', `${api}/items/${items[1].id}/move`, { statusId: statusIn(s, 'in_progress'), version: items[1].version })).statusCode).toBe(200);
    expect((await call(t, a, 'POST', `${api}/items/${items[4].id}/move`, { beforeId: items[2].id, version: items[4].version })).statusCode).toBe(200);
    const board = await expectFresh(a, s.id);
    expect(board.items.find((c) => c.id === items[0].id)?.title).toBe('Renamed');
    // labels are listed by name: renaming one reorders every card that carries it
    expect(board.items.find((c) => c.title === 'Late')?.labelIds).toEqual([alpha.id, zed.id]);
    expect((await call(t, a, 'PATCH', `${api}/labels/${alpha.id}`, { name: 'zzz', version: alpha.version })).statusCode).toBe(200);
    expect((await expectFresh(a, s.id)).items.find((c) => c.title === 'Late')?.labelIds).toEqual([zed.id, alpha.id]);

    // trash, restore, move to another space, bulk change
    expect((await call(t, a, 'DELETE', `${api}/items/${items[2].id}`)).statusCode).toBe(200);
    expect((await expectFresh(a, s.id)).items.map((c) => c.id)).not.toContain(items[2].id);
    expect((await call(t, a, 'POST', `${api}/items/${items[2].id}/restore`)).statusCode).toBe(200);
    expect((await expectFresh(a, s.id)).items.map((c) => c.id)).toContain(items[2].id);
    expect((await call(t, a, 'POST', `${api}/items/${items[3].id}/move`, { spaceId: other.id, version: items[3].version })).statusCode).toBe(200);
    expect((await expectFresh(a, s.id)).items.map((c) => c.id)).not.toContain(items[3].id);
    const bulk = await call(t, a, 'POST', `${api}/workspaces/${ws.id}/items/bulk`, { itemIds: [items[4].id, items[5].id], set: { priority: 'low' } });
    expect(bulk.statusCode).toBe(200);
    await expectFresh(a, s.id);

    // the workflow: rename, reorder, delete a status (its items move)
    const todo = statusIn(s, 'todo');
    expect((await call(t, a, 'PATCH', `${api}/spaces/${s.id}/statuses/${todo}`, { name: 'Ready' })).statusCode).toBe(200);
    const order = [...s.statuses.map((x) => x.id)].reverse();
    expect((await call(t, a, 'PUT', `${api}/spaces/${s.id}/statuses/order`, { order })).statusCode).toBeLessThan(300);
    await expectFresh(a, s.id, order);
    expect((await call(t, a, 'DELETE', `${api}/spaces/${s.id}/statuses/${todo}?moveItemsTo=${statusIn(s, 'backlog')}`)).statusCode).toBe(204);
    expect((await expectFresh(a, s.id)).items.filter((c) => c.statusId === todo)).toEqual([]);
  });

  it('carries single-select values only, following value changes, option edits and deleting the field', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const s = await buildSpace(t, a, ws.id, { key: 'SEL' });
    const field = async (body: Record<string, unknown>) => (await call(t, a, 'POST', `${api}/workspaces/${ws.id}/fields`, body)).json();
    const stage = await field({ name: 'Stage', type: 'select', spaceId: s.id, options: [{ name: 'Design' }, { name: 'Build' }] });
    const team = await field({ name: 'Team', type: 'select', options: [{ name: 'Core' }] });
    const note = await field({ name: 'Note', type: 'text' });
    const [design, build] = stage.options.map((o: { id: string }) => o.id);
    const one = await buildItem(t, a, s.id, { title: 'One', fields: { [stage.id]: design, [team.id]: team.options[0].id, [note.id]: 'text is left out' } });
    const two = await buildItem(t, a, s.id, { title: 'Two' });
    const cards = async () => Object.fromEntries((await expectFresh(a, s.id)).items.map((c) => [c.title, c.fields]));
    expect(await cards()).toEqual({ One: { [stage.id]: design, [team.id]: team.options[0].id }, Two: {} });

    // set, change and clear values on a warm cache
    expect((await call(t, a, 'PATCH', `${api}/items/${two.id}`, { version: two.version, fields: { [stage.id]: build } })).statusCode).toBe(200);
    expect((await call(t, a, 'PATCH', `${api}/items/${one.id}`, { version: one.version, fields: { [stage.id]: build, [team.id]: null } })).statusCode).toBe(200);
    expect(await cards()).toEqual({ One: { [stage.id]: build }, Two: { [stage.id]: build } });
    // the field's options edited, then the field deleted: its values go with it
    expect((await call(t, a, 'PATCH', `${api}/fields/${stage.id}`, { version: stage.version, options: [...stage.options, { name: 'Ship' }] })).statusCode).toBe(200);
    await expectFresh(a, s.id);
    expect((await call(t, a, 'DELETE', `${api}/fields/${stage.id}`)).statusCode).toBe(204);
    expect(await cards()).toEqual({ One: {}, Two: {} });
  });

  it('shows a card homed in from a private space only to those who may read that space, whoever filled the cache', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const s = await buildSpace(t, a, ws.id, { key: 'HOM' });
    const secret = await buildSpace(t, a, ws.id, { key: 'SEC', visibility: 'members' });
    const b = await buildMember(t, ws.id, 'member');
    const own = await buildItem(t, a, s.id, { title: 'Own' });
    const visitor = await buildItem(t, a, secret.id, { title: 'Secret visitor' });
    expect((await call(t, a, 'PATCH', `${api}/items/${visitor.id}`, { alsoInSpaceIds: [s.id], version: visitor.version })).statusCode).toBe(200);
    const ids = async (u: TestUser) => (await call(t, u, 'GET', `${api}/spaces/${s.id}/board`)).json().items.map((c: { id: string }) => c.id);
    expect(await ids(a)).toEqual(expect.arrayContaining([own.id, visitor.id]));
    expect(await ids(b)).toEqual([own.id]);
    await expectFresh(b, s.id);
    // homed out again: gone for everyone
    const current = (await call(t, a, 'GET', `${api}/items/${visitor.id}`)).json();
    expect((await call(t, a, 'PATCH', `${api}/items/${visitor.id}`, { alsoInSpaceIds: [], version: current.version })).statusCode).toBe(200);
    expect(await ids(a)).toEqual([own.id]);
  });

  it('learns of changes from the event log alone, as from another server process sharing the database', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const s = await buildSpace(t, a, ws.id, { key: 'PRC' });
    const it1 = await buildItem(t, a, s.id, { title: 'Before' });
    await expectFresh(a, s.id);
    // What another process commits: the row and its event, in one transaction, nothing in this
    // process's memory. Until the event exists the cached card stays; with it, the card follows.
    const db = t.deps.store.db;
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('items').set({ title: 'After', version: it1.version + 1 }).where('id', '=', it1.id).execute();
      const last = await tx.selectFrom('events').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
      await tx.insertInto('events').values({ id: Number(last?.max ?? 0) + 1, workspace_id: ws.id, space_id: s.id, item_id: it1.id, actor_id: a.id, type: 'item.updated', data: '{}', created_at: t.clock.now().toISOString() }).execute();
    });
    expect((await expectFresh(a, s.id)).items.map((c) => c.title)).toEqual(['After']);
  });

  it('answers a space beyond the limit with its first cards and truncated: true, and keeps none of it', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const s = await buildSpace(t, a, ws.id, { key: 'BIG' });
    for (let i = 0; i < 4; i++) await buildItem(t, a, s.id, { title: `Big ${i}` });
    const m = await membershipOf(t.deps.store.db, { userId: a.id, tokenId: null, readOnly: false }, ws.id);
    const big = JSON.parse(await boardJson(t.deps.store.db, m, s.id, ws.id, 3));
    expect(big.truncated).toBe(true);
    expect(big.items).toHaveLength(3);
    // at a limit it fits: the whole board
    const whole = await boardJson(t.deps.store.db, m, s.id, ws.id, 4);
    expect(JSON.parse(whole)).toMatchObject({ truncated: false, items: expect.any(Array) });
    expect(JSON.parse(whole).items).toHaveLength(4);
  });
});
