import { insertRows, testDialects } from '@weft/db';
import type { Item } from '@weft/domain';
import { Item as ItemSchema } from '@weft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTx } from '../../tx';
import { presentOneItem } from '../../presenters/item';
import { buildItem, buildSpace } from '../../test/factories';
import { buildMember, buildUser, buildWorkspace, call, dbDigest, type TestApp, testApp, type TestUser } from '../../test/harness';
import { loadItemAccess } from './load-item';
import { readItem } from './read-item';

const api = '/api/v1';

/**
 * The hot paths of perf round 2: the one-statement item read (compiled once, run straight on
 * better-sqlite3 outside transactions), the compact batch answer and the bulk insert helper. Each
 * must answer exactly what the general path answers, on both databases.
 */
describe.each(testDialects())('fast item paths on %s', (dialect) => {
  let t: TestApp;
  let owner: TestUser;
  let ws: { id: string };
  let rich: Item;
  let plain: Item;
  beforeAll(async () => {
    t = await testApp(dialect);
    owner = await buildUser(t);
    ws = await buildWorkspace(t, owner);
    const s = await buildSpace(t, owner, ws.id, { key: 'FST' });
    const other = await buildSpace(t, owner, ws.id, { key: 'OTH' });
    const m = await buildMember(t, ws.id, 'member');
    const labels = [];
    for (const name of ['zeta', 'alpha', 'mid']) labels.push((await call(t, owner, 'POST', `${api}/workspaces/${ws.id}/labels`, { name })).json());
    const now = t.clock.now().toISOString();
    const field = { id: `ftext${ws.id.slice(-6)}`, workspace_id: ws.id, space_id: null, name: 'Note', type: 'text', options: '[]', position: 0, created_at: now, version: 1 };
    await t.deps.store.db.insertInto('fields').values(field).execute();
    plain = await buildItem(t, owner, s.id, { title: 'Plain' });
    rich = await buildItem(t, owner, s.id, {
      title: 'Rich "quoted" ünïcode',
      description: 'line\nbreak',
      assigneeIds: [m.id, owner.id],
      labelIds: labels.map((l: { id: string }) => l.id),
      fields: { [field.id]: 'hello' },
      priority: 'high',
      dueAt: '2026-12-24',
    });
    await buildItem(t, owner, s.id, { title: 'Child', parentId: rich.id });
    expect((await call(t, owner, 'POST', `${api}/items/${rich.id}/links`, { kind: 'blocks', itemId: plain.id })).statusCode).toBe(201);
    const homed = await call(t, owner, 'PATCH', `${api}/items/${rich.id}`, { version: rich.version, alsoInSpaceIds: [other.id] });
    expect(homed.statusCode).toBe(200);
    rich = homed.json();
  });
  afterAll(async () => t.close());

  /** What the general path (loadItemAccess + presentOneItem, used by every command) answers. */
  async function general(u: TestUser, idOrKey: string): Promise<Item> {
    const db = t.deps.store.db;
    const actor = { userId: u.id, tokenId: null, readOnly: false };
    const { item, m } = await loadItemAccess(db, actor, idOrKey);
    return presentOneItem(db, m, item);
  }

  it('answers by id and by key exactly what the general path answers, and fits the Item schema', async () => {
    for (const it of [rich, plain]) {
      for (const ref of [it.id, it.key, it.key.toLowerCase()]) {
        const res = await call(t, owner, 'GET', `${api}/items/${ref}`);
        expect(res.statusCode).toBe(200);
        const body = res.json();
        expect(body).toEqual(JSON.parse(JSON.stringify(await general(owner, ref))));
        expect(ItemSchema.parse(body)).toEqual(body);
      }
    }
    const body = (await call(t, owner, 'GET', `${api}/items/${rich.id}`)).json() as Item;
    expect(body.progress).toEqual({ total: 1, done: 0 });
    expect(body.links).toHaveLength(1);
    expect(body.alsoInSpaceIds).toHaveLength(1);
    expect(body.assigneeIds).toHaveLength(2);
    expect(body.labelIds).toHaveLength(3);
    expect(Object.values(body.fields)).toEqual(['hello']);
  });

  it('reads the same inside a transaction (the compiled SQL then goes through the transaction)', async () => {
    const actor = { userId: owner.id, tokenId: null, readOnly: false };
    const inside = await withTx(t.deps, owner.id, (tx) => readItem(tx.db, actor, rich.key));
    expect(inside).toEqual(await readItem(t.deps.store.db, actor, rich.key));
  });

  it('still answers 404 alike for a stranger, a missing id and a private space', async () => {
    const stranger = await buildUser(t);
    expect((await call(t, stranger, 'GET', `${api}/items/${rich.id}`)).statusCode).toBe(404);
    expect((await call(t, stranger, 'GET', `${api}/items/${rich.key}`)).statusCode).toBe(404);
    expect((await call(t, owner, 'GET', `${api}/items/FST-999999`)).statusCode).toBe(404);
    expect((await call(t, owner, 'GET', `${api}/items/00000000000000000000000000000000`)).statusCode).toBe(404);
  });

  it('batch create answers ids and keys only with ?return=minimal, with the same writes and events', async () => {
    const s = await buildSpace(t, owner, ws.id, { key: 'MIN' });
    const items = Array.from({ length: 300 }, (_, i) => ({ title: `Minimal ${i}`, priority: 'low' }));
    const res = await call(t, owner, 'POST', `${api}/spaces/${s.id}/items/batch?return=minimal`, { items });
    expect(res.statusCode).toBe(201);
    const data = res.json().data as Array<{ id: string; key: string; number: number; version: number }>;
    expect(data).toHaveLength(300);
    expect(Object.keys(data[0]).sort()).toEqual(['id', 'key', 'number', 'version']);
    expect(data.map((d) => d.key)).toEqual(data.map((_, i) => `MIN-${data[0].number + i}`));
    const full = (await call(t, owner, 'GET', `${api}/items/${data[299].key}`)).json();
    expect(full).toMatchObject({ id: data[299].id, title: 'Minimal 299', priority: 'low', version: 1 });
    const events = await t.deps.store.db.selectFrom('events').select(['item_id', 'type', 'data']).where('space_id', '=', s.id).where('item_id', 'is not', null).orderBy('id').execute();
    expect(events.map((e) => e.item_id)).toEqual(data.map((d) => d.id));
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(['item.created']));
    expect(JSON.parse(events[0].data)).toMatchObject({ key: data[0].key, title: 'Minimal 0', batch: true });
    const found = await call(t, owner, 'GET', `${api}/workspaces/${ws.id}/items?q=${encodeURIComponent('Minimal 299')}&limit=5`);
    expect(found.json().data.map((d: Item) => d.id)).toContain(data[299].id);
    // the default (and ?return=full) still answer full items
    const dflt = await call(t, owner, 'POST', `${api}/spaces/${s.id}/items/batch`, { items: [{ title: 'Full' }] });
    expect(dflt.json().data[0]).toMatchObject({ title: 'Full', statusId: expect.any(String), abilities: expect.any(Object) });
    const fullAsked = await call(t, owner, 'POST', `${api}/spaces/${s.id}/items/batch?return=full`, { items: [{ title: 'Full 2' }] });
    expect(ItemSchema.parse(fullAsked.json().data[0]).title).toBe('Full 2');
  });

  it('refuses an unknown return mode and writes nothing', async () => {
    const s = await buildSpace(t, owner, ws.id, { key: 'BAD' });
    const before = await dbDigest(t);
    const res = await call(t, owner, 'POST', `${api}/spaces/${s.id}/items/batch?return=everything`, { items: [{ title: 'x' }] });
    expect(res.statusCode).toBe(400);
    expect(await dbDigest(t)).toBe(before);
  });

  it('insertRows splits rows over the parameter limit into several statements, all in one transaction', async () => {
    // 8 columns: 4,095 rows per statement on SQLite, 8,191 on PostgreSQL; 9,000 rows need 2–3.
    const now = t.clock.now().toISOString();
    const first = Number((await t.deps.store.db.selectFrom('events').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0) + 1;
    const rows = Array.from({ length: 9_000 }, (_, i) => [first + i, ws.id, null, null, owner.id, 'test.bulk', '{}', now]);
    await withTx(t.deps, owner.id, (tx) => insertRows(tx.db, 'events', ['id', 'workspace_id', 'space_id', 'item_id', 'actor_id', 'type', 'data', 'created_at'], rows));
    const got = await t.deps.store.db.selectFrom('events').select('id').where('type', '=', 'test.bulk').orderBy('id').execute();
    expect(got.map((r) => Number(r.id))).toEqual(rows.map((r) => r[0]));
  });
});
