import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildItem, buildSpace, type SpaceJson } from '../test/factories';
import { buildMember, buildUser, buildWorkspace, call, dbDigest, type TestApp, testApp, type TestUser } from '../test/harness';

describe.each(testDialects())('comments on %s', (dialect) => {
  let t: TestApp;
  let owner: TestUser;
  let admin: TestUser;
  let ana: TestUser;
  let bo: TestUser;
  let guest: TestUser;
  let outsider: TestUser;
  let ws: { id: string };
  let open: SpaceJson;
  let secret: SpaceJson;

  beforeAll(async () => {
    t = await testApp(dialect);
    owner = await buildUser(t, { name: 'Olga Owner' });
    ws = await buildWorkspace(t, owner);
    admin = await buildMember(t, ws.id, 'admin', { name: 'Adam Admin' });
    ana = await buildMember(t, ws.id, 'member', { name: 'Ana Lopez' });
    bo = await buildMember(t, ws.id, 'member', { name: 'Bo Chen' });
    guest = await buildMember(t, ws.id, 'guest', { name: 'Gus Guest' });
    outsider = await buildUser(t);
    await buildWorkspace(t, outsider, 'Elsewhere');
    open = await buildSpace(t, owner, ws.id, { memberIds: [guest.id] });
    secret = await buildSpace(t, owner, ws.id, { visibility: 'members', memberIds: [ana.id] });
  });
  afterAll(async () => t.close());

  const post = (u: TestUser | null, itemId: string, body: unknown) => call(t, u, 'POST', `/api/v1/items/${itemId}/comments`, body);

  it('posts a comment with mentions of people who can read the item, and records the event', async () => {
    const item = await buildItem(t, owner, secret.id);
    const res = await post(ana, item.id, { body: `Ping @"Olga Owner", @${admin.email} and @bo and @gus` });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    // Bo (a member outside the members-only space) and the guest cannot read it: not mentioned.
    expect(c).toMatchObject({ itemId: item.id, authorId: ana.id, editedAt: null, version: 1, abilities: { update: true, delete: true } });
    expect([...c.mentionIds].sort()).toEqual([owner.id, admin.id].sort());
    const ev = await t.deps.store.db.selectFrom('events').selectAll().where('item_id', '=', item.id).where('type', '=', 'comment.created').executeTakeFirstOrThrow();
    expect(JSON.parse(ev.data)).toEqual({ commentId: c.id, mentionIds: c.mentionIds });
    expect(ev).toMatchObject({ actor_id: ana.id, space_id: secret.id, workspace_id: ws.id });
  });

  it('lets a guest with space access comment and lists comments oldest first, paginated', async () => {
    const item = await buildItem(t, owner, open.id);
    for (const body of ['one', 'two', 'three']) expect((await post(guest, item.key, { body })).statusCode).toBe(201);
    const first = await call(t, bo, 'GET', `/api/v1/items/${item.id}/comments?limit=2`);
    expect(first.statusCode).toBe(200);
    expect(first.json().data.map((c: { body: string }) => c.body)).toEqual(['one', 'two']);
    expect(first.json().data[0].abilities).toEqual({ update: false, delete: false });
    const second = await call(t, bo, 'GET', `/api/v1/items/${item.id}/comments?limit=2&cursor=${first.json().nextCursor}`);
    expect(second.json()).toMatchObject({ data: [{ body: 'three' }], nextCursor: null });
  });

  it('edits only one’s own comment, from the current version', async () => {
    const item = await buildItem(t, owner, open.id);
    const c = (await post(ana, item.id, { body: 'draft' })).json();
    t.clock.advance(60_000);
    const edited = await call(t, ana, 'PATCH', `/api/v1/comments/${c.id}`, { body: 'final @bo', version: 1 });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ body: 'final @bo', version: 2, mentionIds: [bo.id], editedAt: t.clock.now().toISOString() });
    const stale = await call(t, ana, 'PATCH', `/api/v1/comments/${c.id}`, { body: 'again', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { body: 'final @bo', version: 2 } });
    expect((await call(t, ana, 'PATCH', `/api/v1/comments/${c.id}`, { body: 'no version' })).statusCode).toBe(428);
    const viaHeader = await t.app.inject({ method: 'PATCH', url: `/api/v1/comments/${c.id}`, headers: { ...ana.headers, 'if-match': '"2"' }, payload: { body: 'by header' } });
    expect(viaHeader.statusCode).toBe(200);
    for (const other of [bo, admin, owner]) {
      const res = await call(t, other, 'PATCH', `/api/v1/comments/${c.id}`, { body: 'hijack', version: 3 });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    const types = await t.deps.store.db.selectFrom('events').select('type').where('item_id', '=', item.id).where('type', 'like', 'comment.%').orderBy('id').execute();
    expect(types.map((e) => e.type)).toEqual(['comment.created', 'comment.updated', 'comment.updated']);
  });

  it('deletes: the author or an admin, never another member; a deleted comment is gone', async () => {
    const item = await buildItem(t, owner, open.id);
    const mine = (await post(bo, item.id, { body: 'mine' })).json();
    const theirs = (await post(ana, item.id, { body: 'theirs' })).json();
    const forbidden = await call(t, bo, 'DELETE', `/api/v1/comments/${theirs.id}`);
    expect(forbidden.statusCode).toBe(403);
    expect((await call(t, guest, 'DELETE', `/api/v1/comments/${theirs.id}`)).statusCode).toBe(403);
    expect((await call(t, bo, 'DELETE', `/api/v1/comments/${mine.id}`)).statusCode).toBe(204);
    expect((await call(t, admin, 'DELETE', `/api/v1/comments/${theirs.id}`)).statusCode).toBe(204);
    expect((await call(t, admin, 'DELETE', `/api/v1/comments/${theirs.id}`)).statusCode).toBe(404);
    expect((await call(t, ana, 'PATCH', `/api/v1/comments/${theirs.id}`, { body: 'x', version: 2 })).statusCode).toBe(404);
    expect((await call(t, owner, 'GET', `/api/v1/items/${item.id}/comments`)).json().data).toEqual([]);
    const row = await t.deps.store.db.selectFrom('comments').selectAll().where('id', '=', theirs.id).executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
    const ev = await t.deps.store.db.selectFrom('events').selectAll().where('type', '=', 'comment.deleted').where('item_id', '=', item.id).orderBy('id').execute();
    expect(ev.map((e) => e.actor_id)).toEqual([bo.id, admin.id]);
  });

  it('keeps a trashed item’s conversation readable but closed', async () => {
    const item = await buildItem(t, owner, open.id);
    const c = (await post(ana, item.id, { body: 'before' })).json();
    expect((await call(t, owner, 'DELETE', `/api/v1/items/${item.id}`)).statusCode).toBe(200);
    const before = await dbDigest(t);
    expect((await post(ana, item.id, { body: 'after' })).json().code).toBe('UNPROCESSABLE');
    expect((await call(t, ana, 'PATCH', `/api/v1/comments/${c.id}`, { body: 'edit', version: 1 })).statusCode).toBe(422);
    expect(await dbDigest(t)).toBe(before);
    expect((await call(t, ana, 'GET', `/api/v1/items/${item.id}/comments`)).json().data.map((x: { body: string }) => x.body)).toEqual(['before']);
  });

  it('refuses a stale If-Match on delete', async () => {
    const item = await buildItem(t, owner, open.id);
    const c = (await post(ana, item.id, { body: 'x' })).json();
    const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/comments/${c.id}`, headers: { ...ana.headers, 'if-match': '7' } });
    expect(res.statusCode).toBe(409);
  });

  it('finds comment text with a free-text query, and forgets it once deleted', async () => {
    const item = await buildItem(t, owner, open.id, { title: 'Quarterly numbers' });
    const c = (await post(ana, item.id, { body: 'the zanzibarian invoice is late' })).json();
    const find = () => call(t, bo, 'GET', `/api/v1/workspaces/${ws.id}/items?q=zanzibarian`);
    expect((await find()).json().data.map((i: { id: string }) => i.id)).toEqual([item.id]);
    await call(t, ana, 'PATCH', `/api/v1/comments/${c.id}`, { body: 'all paid', version: 1 });
    expect((await find()).json().data).toEqual([]);
    expect((await call(t, bo, 'GET', `/api/v1/workspaces/${ws.id}/items?q=paid`)).json().data.map((i: { id: string }) => i.id)).toEqual([item.id]);
    await call(t, ana, 'DELETE', `/api/v1/comments/${c.id}`);
    expect((await call(t, bo, 'GET', `/api/v1/workspaces/${ws.id}/items?q=paid`)).json().data).toEqual([]);
  });

  it('hides items and comments from those who cannot read them', async () => {
    const item = await buildItem(t, owner, secret.id);
    const c = (await post(ana, item.id, { body: 'private' })).json();
    for (const u of [bo, guest, outsider]) {
      const list = await call(t, u, 'GET', `/api/v1/items/${item.id}/comments`);
      expect(list.statusCode).toBe(404);
      expect(list.json().code).toBe('ITEM_NOT_FOUND');
      expect((await post(u, item.id, { body: 'hi' })).statusCode).toBe(404);
      const edit = await call(t, u, 'PATCH', `/api/v1/comments/${c.id}`, { body: 'x', version: 1 });
      expect(edit.json().code).toBe('COMMENT_NOT_FOUND');
      expect((await call(t, u, 'DELETE', `/api/v1/comments/${c.id}`)).statusCode).toBe(404);
    }
  });

  it('answers 401 to anonymous callers and 400 to bad bodies without writing', async () => {
    const item = await buildItem(t, owner, open.id);
    const c = (await post(ana, item.id, { body: 'x' })).json();
    expect((await post(null, item.id, { body: 'x' })).statusCode).toBe(401);
    expect((await call(t, null, 'GET', `/api/v1/items/${item.id}/comments`)).statusCode).toBe(401);
    expect((await call(t, null, 'PATCH', `/api/v1/comments/${c.id}`, { body: 'x', version: 1 })).statusCode).toBe(401);
    expect((await call(t, null, 'DELETE', `/api/v1/comments/${c.id}`)).statusCode).toBe(401);
    const before = await dbDigest(t);
    for (const body of [{ body: '   ' }, { body: 3 }, { body: 'x', extra: true }, { body: 'x'.repeat(100_001) }, {}]) {
      const res = await post(ana, item.id, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    expect((await call(t, ana, 'PATCH', `/api/v1/comments/${c.id}`, { body: '', version: 1 })).statusCode).toBe(400);
    expect((await call(t, ana, 'GET', `/api/v1/items/${item.id}/comments?limit=201`)).statusCode).toBe(400);
    expect((await call(t, ana, 'GET', `/api/v1/items/${item.id}/comments?cursor=nonsense`)).statusCode).toBe(400);
    expect(await dbDigest(t)).toBe(before);
  });
});
