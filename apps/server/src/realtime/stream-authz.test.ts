import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildItem, buildSpace, type SpaceJson } from '../test/factories';
import { buildMember, buildUser, buildWorkspace, call, type TestApp, type TestUser } from '../test/harness';
import { listeningApp, openStream, type TestSocket } from './stream-test-kit';

/** Opens a live (synced) stream. */
async function live(t: { ws: string }, headers: Record<string, string>, query?: string): Promise<TestSocket> {
  const s = await openStream(t.ws, { headers, query });
  await s.waitFor((m) => m.type === 'synced');
  return s;
}

/** Makes a change everyone in the workspace (not guests) sees; returns its item id. Events arrive in seq order, so once a socket has it, it has everything before it. */
async function marker(t: TestApp, by: TestUser, open: SpaceJson): Promise<string> {
  return (await buildItem(t, by, open.id, { title: 'marker' })).id;
}

describe.each(testDialects())('who receives what on the stream, on %s', (dialect) => {
  let t: TestApp & { url: string; ws: string };
  let owner: TestUser;
  let ana: TestUser;
  let bo: TestUser;
  let guest: TestUser;
  let outsider: TestUser;
  let ws: { id: string };
  let open: SpaceJson;
  let secret: SpaceJson;

  beforeAll(async () => {
    t = await listeningApp(dialect);
    owner = await buildUser(t);
    ws = await buildWorkspace(t, owner);
    ana = await buildMember(t, ws.id, 'member', { name: 'Ana' });
    bo = await buildMember(t, ws.id, 'member', { name: 'Bo' });
    guest = await buildMember(t, ws.id, 'guest', { name: 'Guest' });
    outsider = await buildUser(t);
    await buildWorkspace(t, outsider, 'Elsewhere');
    open = await buildSpace(t, owner, ws.id, { memberIds: [guest.id] });
    secret = await buildSpace(t, owner, ws.id, { visibility: 'members', memberIds: [ana.id] });
  });
  afterAll(() => t.close());

  it('never sends a private space’s events to non-members, guests without access or other workspaces', async () => {
    const [sOwner, sAna, sBo, sGuest, sOut] = await Promise.all([owner, ana, bo, guest, outsider].map((u) => live(t, u.headers)));
    const hidden = await buildItem(t, owner, secret.id, { title: 'secret plan' });
    expect((await call(t, owner, 'POST', `/api/v1/workspaces/${ws.id}/labels`, { name: 'workspace-wide' })).statusCode).toBe(201);
    const last = await marker(t, owner, open);
    for (const s of [sOwner, sAna, sBo, sGuest]) await s.waitFor((m) => m.type === 'event' && m.itemId === last, 'the marker');
    expect(sOwner.events().some((e) => e.itemId === hidden.id)).toBe(true);
    expect(sAna.events().some((e) => e.itemId === hidden.id)).toBe(true);
    expect(sBo.events().some((e) => e.itemId === hidden.id)).toBe(false);
    expect(sGuest.events().some((e) => e.itemId === hidden.id)).toBe(false);
    // The outsider's own workspace work arrives; nothing of this workspace ever does.
    const theirs = await buildSpace(t, outsider, (await call(t, outsider, 'GET', '/api/v1/workspaces')).json().data[0].id);
    const own = await buildItem(t, outsider, theirs.id);
    await sOut.waitFor((m) => m.type === 'event' && m.itemId === own.id);
    expect(sOut.events().every((e) => e.workspaceId !== ws.id)).toBe(true);
    // Guests see their space's events but no workspace-level ones.
    expect(sGuest.events().some((e) => e.spaceId === null)).toBe(false);
    expect(sBo.events().some((e) => e.spaceId === null)).toBe(true);
    for (const s of [sOwner, sAna, sBo, sGuest, sOut]) s.close();
  });

  it('replays only what the caller may read when resuming', async () => {
    const first = await live(t, bo.headers);
    const since = (first.messages.find((m) => m.type === 'synced') as { seq: number }).seq;
    first.close();
    const hidden = await buildItem(t, owner, secret.id);
    const shown = await buildItem(t, owner, open.id);
    const back = await live(t, bo.headers, `since=${since}`);
    expect(back.events().map((e) => e.itemId)).toEqual([shown.id]);
    expect(hidden.id).not.toBe(shown.id);
    back.close();
  });

  it('stops sending to a member removed from the space or the workspace, from the next event on', async () => {
    const dan = await buildMember(t, ws.id, 'member', { name: 'Dan' });
    const added = await call(t, owner, 'POST', `/api/v1/spaces/${secret.id}/members`, { add: [dan.id] });
    expect(added.statusCode).toBe(200);
    const s = await live(t, dan.headers);
    const before = await buildItem(t, owner, secret.id);
    await s.waitFor((m) => m.type === 'event' && m.itemId === before.id);
    expect((await call(t, owner, 'POST', `/api/v1/spaces/${secret.id}/members`, { remove: [dan.id] })).statusCode).toBe(200);
    const after = await buildItem(t, owner, secret.id);
    let last = await marker(t, owner, open);
    await s.waitFor((m) => m.type === 'event' && m.itemId === last);
    expect(s.events().some((e) => e.itemId === after.id)).toBe(false);

    expect((await call(t, owner, 'DELETE', `/api/v1/workspaces/${ws.id}/members/${dan.id}`)).statusCode).toBe(204);
    const gone = await buildItem(t, owner, open.id);
    // Dan is in no workspace now: prove delivery continues with an event elsewhere he may see.
    const own = await buildWorkspace(t, dan, 'Dan’s own');
    const danSpace = await buildSpace(t, dan, own.id);
    last = (await buildItem(t, dan, danSpace.id)).id;
    await s.waitFor((m) => m.type === 'event' && m.itemId === last);
    expect(s.events().some((e) => e.itemId === gone.id)).toBe(false);
    s.close();
  });

  it('an item moved into a space the reader cannot see leaves their board: `item.left` in the old space, nothing about where it went', async () => {
    const [sAna, sBo] = await Promise.all([ana, bo].map((u) => live(t, u.headers)));
    const item = await buildItem(t, owner, open.id, { title: 'going private' });
    const moved = await call(t, owner, 'POST', `/api/v1/items/${item.id}/move`, { version: 1, spaceId: secret.id });
    expect(moved.statusCode).toBe(200);
    const last = await marker(t, owner, open);
    for (const s of [sAna, sBo]) await s.waitFor((m) => m.type === 'event' && m.itemId === last, 'the marker');
    const of = (s: TestSocket) => s.events().filter((e) => e.itemId === item.id && e.kind !== 'item.created');
    // Bo reads only the open space: the departure, with the old key and the new version, and no more.
    expect(of(sBo).map((e) => [e.kind, e.spaceId, e.version, e.record])).toEqual([['item.left', open.id, 2, { key: item.key }]]);
    expect(JSON.stringify(of(sBo))).not.toContain(secret.id);
    // Ana reads both: the departure and the move itself (with the new key).
    expect(of(sAna).map((e) => [e.kind, e.spaceId])).toEqual([
      ['item.left', open.id],
      ['item.moved', secret.id],
    ]);
    // The polling feed agrees, and the item's own history shows one move.
    const feed = async (u: TestUser) => (await call(t, u, 'GET', `/api/v1/workspaces/${ws.id}/events?since=0&limit=500`)).json().data.filter((e: { itemId: string }) => e.itemId === item.id);
    expect((await feed(bo)).map((e: { type: string }) => e.type)).toEqual(['item.created', 'item.left']);
    expect((await feed(ana)).map((e: { type: string }) => e.type)).toEqual(['item.created', 'item.left', 'item.moved']);
    const history = (await call(t, ana, 'GET', `/api/v1/items/${item.id}/activity`)).json().data;
    expect(history.map((e: { type: string }) => e.type)).toEqual(['item.created', 'item.moved']);
    for (const s of [sAna, sBo]) s.close();
  });

  it('a deleted space is announced to those who could read it, and only to them', async () => {
    const [sAna, sBo, sGuest] = await Promise.all([ana, bo, guest].map((u) => live(t, u.headers)));
    const everyone = await buildSpace(t, owner, ws.id);
    const hidden = await buildSpace(t, owner, ws.id, { visibility: 'members', memberIds: [ana.id] });
    for (const sp of [everyone, hidden]) expect((await call(t, owner, 'DELETE', `/api/v1/spaces/${sp.id}`)).statusCode).toBe(204);
    const last = await marker(t, owner, open);
    for (const s of [sAna, sBo, sGuest]) await s.waitFor((m) => m.type === 'event' && m.itemId === last, 'the marker');
    const deleted = (s: TestSocket) => s.events().filter((e) => e.kind === 'space.deleted').map((e) => e.spaceId);
    expect(deleted(sAna)).toEqual([everyone.id, hidden.id]);
    expect(deleted(sBo)).toEqual([everyone.id]);
    expect(deleted(sGuest)).toEqual([]);
    const feed = async (u: TestUser) =>
      (await call(t, u, 'GET', `/api/v1/workspaces/${ws.id}/events?since=0&limit=500`)).json().data.filter((e: { type: string }) => e.type === 'space.deleted').map((e: { spaceId: string }) => e.spaceId);
    expect(await feed(ana)).toEqual([everyone.id, hidden.id]);
    expect(await feed(bo)).toEqual([everyone.id]);
    expect(await feed(guest)).toEqual([]);
    for (const s of [sAna, sBo, sGuest]) s.close();
  });

  it('closes the socket when its token is revoked or its session logs out', async () => {
    const tok = await call(t, ana, 'POST', '/api/v1/tokens', { name: 'watch' });
    expect(tok.statusCode).toBe(201);
    // A token in the query (clients that cannot set headers) is the same as the header.
    const byQuery = await live(t, {}, `token=${tok.json().token}`);
    const byHeader = await live(t, { authorization: `Bearer ${tok.json().token}` });
    expect((await call(t, ana, 'DELETE', `/api/v1/tokens/${tok.json().id}`)).statusCode).toBe(200);
    expect((await byQuery.closed).code).toBe(4401);
    expect((await byHeader.closed).code).toBe(4401);
    await expect(openStream(t.ws, { query: `token=${tok.json().token}` })).rejects.toThrow('refused: 401');

    const session = await buildMember(t, ws.id, 'member');
    const s = await live(t, session.headers);
    expect((await call(t, session, 'POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await s.closed).code).toBe(4401);
  });
});
