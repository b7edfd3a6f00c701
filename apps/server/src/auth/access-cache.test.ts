import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildItem, buildSpace } from '../test/factories';
import { buildMember, buildUser, buildWorkspace, call, type TestApp, type TestUser, testApp } from '../test/harness';

const api = '/api/v1';

/**
 * The access cache (auth/access-cache.ts) serves sessions, tokens, memberships and space access
 * from memory: every case warms it with a successful read first, changes access, and expects the
 * very next request to be refused.
 */
describe.each(testDialects())('access cache on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
  });
  afterAll(async () => t.close());

  async function world() {
    const owner = await buildUser(t);
    const ws = await buildWorkspace(t, owner);
    const space = await buildSpace(t, owner, ws.id, { key: 'CCH' });
    const item = await buildItem(t, owner, space.id, { title: 'Cached' });
    return { owner, ws, space, item };
  }
  const read = (u: TestUser, id: string) => call(t, u, 'GET', `${api}/items/${id}`);
  const warm = async (u: TestUser, id: string) => {
    for (let i = 0; i < 2; i++) expect((await read(u, id)).statusCode).toBe(200);
  };

  it('a removed member loses access on the very next request', async () => {
    const { owner, ws, item } = await world();
    const m = await buildMember(t, ws.id, 'member');
    await warm(m, item.id);
    expect((await call(t, owner, 'DELETE', `${api}/workspaces/${ws.id}/members/${m.id}`)).statusCode).toBe(204);
    expect((await read(m, item.id)).statusCode).toBe(404);
    expect((await call(t, m, 'GET', `${api}/workspaces/${ws.id}/items`)).statusCode).toBe(404);
  });

  it('a member removed straight in the database (any code path) loses access at once', async () => {
    const { ws, item } = await world();
    const m = await buildMember(t, ws.id, 'member');
    await warm(m, item.id);
    await t.deps.store.db.deleteFrom('members').where('workspace_id', '=', ws.id).where('user_id', '=', m.id).execute();
    expect((await read(m, item.id)).statusCode).toBe(404);
  });

  it('a demoted member (member → guest) loses a space they were not invited to at once', async () => {
    const { owner, ws, item } = await world();
    const m = await buildMember(t, ws.id, 'member');
    await warm(m, item.id);
    const res = await call(t, owner, 'PATCH', `${api}/workspaces/${ws.id}/members/${m.id}`, { role: 'guest', version: 1 });
    expect(res.statusCode).toBe(200);
    expect((await read(m, item.id)).statusCode).toBe(404);
  });

  it('a space made private is hidden at once from members outside it', async () => {
    const { owner, ws, space, item } = await world();
    const m = await buildMember(t, ws.id, 'member');
    await warm(m, item.id);
    expect((await call(t, m, 'GET', `${api}/spaces/${space.id}/board`)).statusCode).toBe(200);
    const res = await call(t, owner, 'PATCH', `${api}/spaces/${space.id}`, { visibility: 'members', version: space.version });
    expect(res.statusCode).toBe(200);
    expect((await read(m, item.id)).statusCode).toBe(404);
    expect((await call(t, m, 'GET', `${api}/spaces/${space.id}/board`)).statusCode).toBe(404);
  });

  it('a guest removed from a space loses it at once', async () => {
    const { owner, ws, space, item } = await world();
    const g = await buildMember(t, ws.id, 'guest');
    expect((await call(t, owner, 'POST', `${api}/spaces/${space.id}/members`, { add: [g.id] })).statusCode).toBe(200);
    await warm(g, item.id);
    expect((await call(t, owner, 'POST', `${api}/spaces/${space.id}/members`, { remove: [g.id] })).statusCode).toBe(200);
    expect((await read(g, item.id)).statusCode).toBe(404);
  });

  it('a revoked API token is refused on the very next request', async () => {
    const { owner, item } = await world();
    const minted = await call(t, owner, 'POST', `${api}/tokens`, { name: 'cli' });
    expect(minted.statusCode).toBe(201);
    const bearer: TestUser = { ...owner, headers: { authorization: `Bearer ${minted.json().token}` } };
    await warm(bearer, item.id);
    expect((await call(t, owner, 'DELETE', `${api}/tokens/${minted.json().id}`)).statusCode).toBe(200);
    expect((await read(bearer, item.id)).statusCode).toBe(401);
  });

  it('a token expires on time although it is cached', async () => {
    const { owner, item } = await world();
    const expiresAt = new Date(t.clock.now().getTime() + 60_000).toISOString();
    const minted = await call(t, owner, 'POST', `${api}/tokens`, { name: 'short', expiresAt });
    expect(minted.statusCode).toBe(201);
    const bearer: TestUser = { ...owner, headers: { authorization: `Bearer ${minted.json().token}` } };
    await warm(bearer, item.id);
    t.clock.advance(61_000);
    expect((await read(bearer, item.id)).statusCode).toBe(401);
  });

  it('a logged-out session is refused on the very next request', async () => {
    const { owner, item } = await world();
    await warm(owner, item.id);
    expect((await call(t, owner, 'POST', `${api}/auth/logout`)).statusCode).toBeLessThan(300);
    expect((await read(owner, item.id)).statusCode).toBe(401);
  });

  it('a new member gets access at once (no stale "not a member" answer)', async () => {
    const { owner, ws, item } = await world();
    const u = await buildUser(t);
    expect((await read(u, item.id)).statusCode).toBe(404);
    await t.deps.store.db.insertInto('members').values({ workspace_id: ws.id, user_id: u.id, role: 'member', created_at: t.clock.now().toISOString(), version: 1 }).execute();
    expect((await read(u, item.id)).statusCode).toBe(200);
    void owner;
  });
});
