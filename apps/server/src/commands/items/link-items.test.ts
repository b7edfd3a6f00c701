import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildItem, buildSpace } from '../../test/factories';
import { buildMember, buildUser, buildWorkspace, call, dbDigest, type TestApp, testApp } from '../../test/harness';

const api = '/api/v1';

describe.each(testDialects())('item links on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
  });
  afterAll(async () => t.close());

  it('links blocks / blocked_by / relates, shown from each side', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const s = await buildSpace(t, a, ws.id, { key: 'LNK' });
    const other = await buildSpace(t, a, ws.id, { key: 'OTH' });
    const x = await buildItem(t, a, s.id, { title: 'X' });
    const y = await buildItem(t, a, other.id, { title: 'Y' });
    const z = await buildItem(t, a, s.id, { title: 'Z' });
    const l1 = await call(t, a, 'POST', `${api}/items/${x.id}/links`, { kind: 'blocks', itemId: y.id });
    expect(l1.statusCode).toBe(201);
    expect(l1.json()).toMatchObject({ kind: 'blocks', itemId: y.id, itemKey: 'OTH-1', title: 'Y' });
    const l2 = await call(t, a, 'POST', `${api}/items/${x.key}/links`, { kind: 'blocked_by', itemId: z.key });
    expect(l2.json()).toMatchObject({ kind: 'blocked_by', itemId: z.id });
    const l3 = await call(t, a, 'POST', `${api}/items/${y.id}/links`, { kind: 'relates', itemId: z.id });
    expect(l3.statusCode).toBe(201);
    const stored = await t.deps.store.db.selectFrom('item_links').selectAll().where('id', '=', l2.json().id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ from_item_id: z.id, to_item_id: x.id, kind: 'blocks' });
    const linksOf = async (id: string) =>
      (await call(t, a, 'GET', `${api}/items/${id}`)).json().links.map((l: { kind: string; itemKey: string }) => `${l.kind} ${l.itemKey}`).sort();
    expect(await linksOf(x.id)).toEqual(['blocked_by LNK-2', 'blocks OTH-1']);
    expect(await linksOf(y.id)).toEqual(['blocked_by LNK-1', 'relates LNK-2']);
    expect(await linksOf(z.id)).toEqual(['blocks LNK-1', 'relates OTH-1']);

    const before = await dbDigest(t);
    for (const [from, body] of [
      [x.id, { kind: 'blocks', itemId: y.id }],
      [y.id, { kind: 'blocked_by', itemId: x.id }],
      [z.id, { kind: 'relates', itemId: y.id }],
    ] as const) {
      const dup = await call(t, a, 'POST', `${api}/items/${from}/links`, body);
      expect(dup.statusCode).toBe(409);
      expect(dup.json().code).toBe('ALREADY_EXISTS');
    }
    expect(await dbDigest(t)).toBe(before);

    const del = await call(t, a, 'DELETE', `${api}/items/${y.id}/links/${l1.json().id}`);
    expect(del.statusCode).toBe(204);
    expect(await linksOf(x.id)).toEqual(['blocked_by LNK-2']);
    expect((await call(t, a, 'DELETE', `${api}/items/${z.id}/links/${l1.json().id}`)).statusCode).toBe(404);
    const types = await t.deps.store.db.selectFrom('events').select('type').where('item_id', 'in', [x.id, y.id]).where('type', 'like', 'item.%link%').orderBy('id').execute();
    expect(types.map((e) => e.type)).toEqual(['item.linked', 'item.linked', 'item.linked', 'item.unlinked']);
  });

  it('refuses a cycle of blocks: A blocks B, B blocks C, C blocks A', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const s = await buildSpace(t, a, ws.id);
    const [A, B, C] = [await buildItem(t, a, s.id), await buildItem(t, a, s.id), await buildItem(t, a, s.id)];
    expect((await call(t, a, 'POST', `${api}/items/${A.id}/links`, { kind: 'blocks', itemId: B.id })).statusCode).toBe(201);
    expect((await call(t, a, 'POST', `${api}/items/${B.id}/links`, { kind: 'blocks', itemId: C.id })).statusCode).toBe(201);
    const before = await dbDigest(t);
    const cycle = await call(t, a, 'POST', `${api}/items/${C.id}/links`, { kind: 'blocks', itemId: A.id });
    expect(cycle.statusCode).toBe(409);
    expect(cycle.json().code).toBe('DEPENDENCY_CYCLE');
    const reverse = await call(t, a, 'POST', `${api}/items/${A.id}/links`, { kind: 'blocked_by', itemId: C.id });
    expect(reverse.json().code).toBe('DEPENDENCY_CYCLE');
    const two = await call(t, a, 'POST', `${api}/items/${B.id}/links`, { kind: 'blocks', itemId: A.id });
    expect(two.json().code).toBe('DEPENDENCY_CYCLE');
    expect(await dbDigest(t)).toBe(before);
    // relating is not a dependency, and a diamond is not a cycle
    expect((await call(t, a, 'POST', `${api}/items/${C.id}/links`, { kind: 'relates', itemId: A.id })).statusCode).toBe(201);
    expect((await call(t, a, 'POST', `${api}/items/${A.id}/links`, { kind: 'blocks', itemId: C.id })).statusCode).toBe(201);
  });

  it('does not link across workspaces nor show links to items the reader cannot see', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const m = await buildMember(t, ws.id, 'member');
    const open = await buildSpace(t, a, ws.id);
    const secret = await buildSpace(t, a, ws.id, { visibility: 'members' });
    const x = await buildItem(t, a, open.id);
    const hidden = await buildItem(t, a, secret.id, { title: 'classified' });
    await call(t, a, 'POST', `${api}/items/${x.id}/links`, { kind: 'relates', itemId: hidden.id });
    expect((await call(t, a, 'GET', `${api}/items/${x.id}`)).json().links).toHaveLength(1);
    expect((await call(t, m, 'GET', `${api}/items/${x.id}`)).json().links).toEqual([]);
    const notVisible = await call(t, m, 'POST', `${api}/items/${x.id}/links`, { kind: 'blocks', itemId: hidden.id });
    expect(notVisible.statusCode).toBe(400);
    const ws2 = await buildWorkspace(t, a, 'Two');
    const far = await buildItem(t, a, (await buildSpace(t, a, ws2.id)).id);
    const across = await call(t, a, 'POST', `${api}/items/${x.id}/links`, { kind: 'blocks', itemId: far.id });
    expect(across.statusCode).toBe(400);
    expect(across.json().errors[0].path).toBe('body.itemId');
  });
});
