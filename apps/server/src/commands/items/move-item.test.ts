import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildItem, buildSpace, statusIn } from '../../test/factories';
import { buildUser, buildWorkspace, call, type TestApp, testApp } from '../../test/harness';

const api = '/api/v1';

/** A small deterministic PRNG (mulberry32) so a failing sequence of moves can be replayed. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(testDialects())('moving items on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
  });
  afterAll(async () => t.close());

  const rowsOf = async (spaceId: string) => {
    const rows = await t.deps.store.db.selectFrom('items').selectAll().where('space_id', '=', spaceId).execute();
    return new Map(rows.map((r) => [r.id, r]));
  };
  const titles = async (user: Parameters<typeof call>[1], spaceId: string) =>
    (await call(t, user, 'GET', `${api}/spaces/${spaceId}/items?limit=200`)).json().data.map((i: { title: string }) => i.title);

  it('moves between two neighbours by writing only the moved row', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const s = await buildSpace(t, a, ws.id);
    const items = [];
    for (let i = 0; i < 5; i += 1) items.push(await buildItem(t, a, s.id, { title: `i${i}` }));
    const before = await rowsOf(s.id);
    const eventsBefore = await t.deps.store.db.selectFrom('events').select('id').execute();
    const res = await call(t, a, 'POST', `${api}/items/${items[4].id}/move`, { version: 1, afterId: items[0].id, beforeId: items[1].id });
    expect(res.statusCode).toBe(200);
    const after = await rowsOf(s.id);
    for (const [id, row] of before) {
      if (id === items[4].id) continue;
      expect(after.get(id)).toEqual(row);
    }
    const moved = after.get(items[4].id) as { position: string; version: number };
    expect(moved.position > items[0].position && moved.position < items[1].position).toBe(true);
    expect(moved.version).toBe(2);
    expect(await titles(a, s.id)).toEqual(['i0', 'i4', 'i1', 'i2', 'i3']);
    expect((await t.deps.store.db.selectFrom('events').select('id').execute()).length).toBe(eventsBefore.length + 1);
    // only one neighbour, or none: right after it / at the end
    await call(t, a, 'POST', `${api}/items/${items[0].id}/move`, { version: 1, afterId: items[2].id });
    expect(await titles(a, s.id)).toEqual(['i4', 'i1', 'i2', 'i0', 'i3']);
    await call(t, a, 'POST', `${api}/items/${items[3].id}/move`, { version: 1, beforeId: items[4].id });
    expect(await titles(a, s.id)).toEqual(['i3', 'i4', 'i1', 'i2', 'i0']);
    await call(t, a, 'POST', `${api}/items/${items[3].id}/move`, { version: 2 });
    expect(await titles(a, s.id)).toEqual(['i4', 'i1', 'i2', 'i0', 'i3']);
    const swapped = await call(t, a, 'POST', `${api}/items/${items[3].id}/move`, { version: 3, afterId: items[2].id, beforeId: items[1].id });
    expect(swapped.statusCode).toBe(400);
    const stale = await call(t, a, 'POST', `${api}/items/${items[3].id}/move`, { version: 1, afterId: items[2].id });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.version).toBe(3);
  });

  it('keeps the board order right after 50 random moves across statuses', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const s = await buildSpace(t, a, ws.id);
    const cols = [statusIn(s, 'todo'), statusIn(s, 'in_progress'), statusIn(s, 'done')];
    const model = new Map<string, string[]>(cols.map((c) => [c, []]));
    const version = new Map<string, number>();
    const title = new Map<string, string>();
    for (let i = 0; i < 12; i += 1) {
      const col = cols[i % 3];
      const it = await buildItem(t, a, s.id, { title: `n${i}`, statusId: col });
      model.get(col)?.push(it.id);
      version.set(it.id, 1);
      title.set(it.id, it.title);
    }
    const rand = rng(42);
    const all = [...version.keys()];
    for (let n = 0; n < 50; n += 1) {
      const id = all[Math.floor(rand() * all.length)];
      for (const list of model.values()) if (list.includes(id)) list.splice(list.indexOf(id), 1);
      const col = cols[Math.floor(rand() * cols.length)];
      const list = model.get(col) as string[];
      const at = Math.floor(rand() * (list.length + 1));
      const body = { version: version.get(id), statusId: col, afterId: list[at - 1] ?? null, beforeId: list[at] ?? null };
      const res = await call(t, a, 'POST', `${api}/items/${id}/move`, body);
      expect(res.statusCode).toBe(200);
      version.set(id, res.json().version);
      list.splice(at, 0, id);
    }
    const expected = cols.flatMap((c) => (model.get(c) as string[]).map((id) => title.get(id)));
    expect(await titles(a, s.id)).toEqual(expected);
  });

  it('moves to another space with a new key; the old key keeps resolving', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const ops = await buildSpace(t, a, ws.id, { key: 'OPS' });
    const dev = await buildSpace(t, a, ws.id, { key: 'DEV' });
    await buildItem(t, a, dev.id);
    const scoped = { id: `fx${ws.id.slice(-8)}`, workspace_id: ws.id, space_id: ops.id, name: 'scoped', type: 'text', options: '[]', position: 0, created_at: 'x', version: 1 };
    await t.deps.store.db.insertInto('fields').values(scoped).execute();
    const item = await buildItem(t, a, ops.id, { statusId: statusIn(ops, 'in_progress'), fields: { [scoped.id]: 'gone after the move' } });
    await call(t, a, 'PATCH', `${api}/items/${item.id}`, { version: 1, alsoInSpaceIds: [dev.id] });
    const res = await call(t, a, 'POST', `${api}/items/OPS-1/move`, { version: 2, spaceId: dev.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ key: 'DEV-2', number: 2, spaceId: dev.id, statusId: statusIn(dev, 'in_progress'), alsoInSpaceIds: [], fields: {} });
    expect((await call(t, a, 'GET', `${api}/items/ops-1`)).json().key).toBe('DEV-2');
    expect((await buildItem(t, a, ops.id)).key).toBe('OPS-2');
    const back = await call(t, a, 'POST', `${api}/items/DEV-2/move`, { version: 3, spaceId: ops.id, statusId: statusIn(ops, 'done') });
    expect(back.json()).toMatchObject({ key: 'OPS-3', statusCategory: 'done' });
    for (const key of ['OPS-1', 'DEV-2', 'OPS-3']) expect((await call(t, a, 'GET', `${api}/items/${key}`)).json().id).toBe(item.id);
    const ev = await t.deps.store.db.selectFrom('events').select(['space_id', 'data']).where('item_id', '=', item.id).where('type', '=', 'item.moved').orderBy('id').execute();
    expect(ev.map((e) => e.space_id)).toEqual([dev.id, ops.id]);
    expect(JSON.parse(ev[0].data).changes.key).toEqual({ from: 'OPS-1', to: 'DEV-2' });
    const other = await buildWorkspace(t, a, 'Other');
    const foreign = await buildSpace(t, a, other.id);
    const refused = await call(t, a, 'POST', `${api}/items/${item.id}/move`, { version: 4, spaceId: foreign.id });
    expect(refused.statusCode).toBe(400);
  });
});
