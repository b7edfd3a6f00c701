import { testDialects } from '@weft/db';
import type { PresenceUser, ServerMessage } from '@weft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildItem, buildSpace, type SpaceJson } from '../test/factories';
import { buildMember, buildUser, buildWorkspace, type TestApp, type TestUser } from '../test/harness';
import { listeningApp, openStream, type TestSocket } from './stream-test-kit';

type PresenceMsg = Extract<ServerMessage, { type: 'presence' }>;

/** Waits for a presence message about `id` whose users satisfy `pred`. */
function presenceOf(s: TestSocket, id: string, pred: (users: PresenceUser[]) => boolean, what: string): Promise<PresenceMsg> {
  return s.waitFor((m): m is PresenceMsg => m.type === 'presence' && m.topic.id === id && pred(m.users), what) as Promise<PresenceMsg>;
}
const names = (users: PresenceUser[]) => users.map((u) => u.name).sort();

describe.each(testDialects())('presence on %s', (dialect) => {
  let t: TestApp & { url: string; ws: string };
  let ana: TestUser;
  let bo: TestUser;
  let guest: TestUser;
  let space: SpaceJson;
  let secret: SpaceJson;
  let itemId: string;

  beforeAll(async () => {
    // Heartbeat every 100 ms (FAST_STREAM): a dead socket is dropped within two ticks.
    t = await listeningApp(dialect);
    ana = await buildUser(t, { name: 'Ana' });
    const ws = await buildWorkspace(t, ana);
    bo = await buildMember(t, ws.id, 'member', { name: 'Bo' });
    guest = await buildMember(t, ws.id, 'guest', { name: 'Guest' });
    space = await buildSpace(t, ana, ws.id);
    secret = await buildSpace(t, ana, ws.id, { visibility: 'members' });
    itemId = (await buildItem(t, ana, space.id)).id;
  });
  afterAll(() => t.close());

  it('shows who views an item and who edits it, and clears on leave and on close', async () => {
    const a = await openStream(t.ws, { headers: ana.headers });
    const b = await openStream(t.ws, { headers: bo.headers });
    a.send({ type: 'presence.enter', topic: { kind: 'item', id: itemId } });
    await presenceOf(a, itemId, (u) => names(u).join() === 'Ana', 'Ana alone');
    b.send({ type: 'presence.enter', topic: { kind: 'item', id: itemId } });
    await presenceOf(a, itemId, (u) => names(u).join() === 'Ana,Bo', 'Ana and Bo (seen by Ana)');
    await presenceOf(b, itemId, (u) => names(u).join() === 'Ana,Bo', 'Ana and Bo (seen by Bo)');
    b.send({ type: 'presence.editing', itemId, editing: true });
    const editing = await presenceOf(a, itemId, (u) => u.some((x) => x.name === 'Bo' && x.editing), 'Bo editing');
    expect(editing.users.find((x) => x.name === 'Ana')?.editing).toBe(false);
    b.send({ type: 'presence.editing', itemId, editing: false });
    await presenceOf(a, itemId, (u) => u.length === 2 && u.every((x) => !x.editing), 'Bo stopped editing');
    b.send({ type: 'presence.leave', topic: { kind: 'item', id: itemId } });
    await presenceOf(a, itemId, (u) => names(u).join() === 'Ana', 'Bo left');
    b.send({ type: 'presence.enter', topic: { kind: 'item', id: itemId } });
    await presenceOf(a, itemId, (u) => u.length === 2, 'Bo back');
    b.close();
    await presenceOf(a, itemId, (u) => names(u).join() === 'Ana', 'Bo closed');
    a.close();
  });

  it('clears a socket killed without a close frame, and one that stops answering heartbeats', async () => {
    const a = await openStream(t.ws, { headers: ana.headers });
    a.send({ type: 'presence.enter', topic: { kind: 'space', id: space.id } });
    const killed = await openStream(t.ws, { headers: bo.headers });
    killed.send({ type: 'presence.enter', topic: { kind: 'space', id: space.id } });
    await presenceOf(a, space.id, (u) => u.length === 2, 'both present');
    // Destroy the TCP connection: no close frame is ever sent.
    killed.ws.terminate();
    await presenceOf(a, space.id, (u) => names(u).join() === 'Ana', 'the killed socket cleared');

    // A peer that is still connected but silent (a frozen laptop, a dead NAT mapping): its socket
    // stops reading, so it answers no ping, and the heartbeat must drop it.
    const frozen = await openStream(t.ws, { headers: bo.headers });
    frozen.send({ type: 'presence.enter', topic: { kind: 'space', id: space.id } });
    await presenceOf(a, space.id, (u) => u.length === 2, 'the frozen peer present');
    const raw = (frozen.ws as unknown as { _socket: import('node:net').Socket })._socket;
    raw.pause();
    raw.removeAllListeners('data');
    await presenceOf(a, space.id, (u) => names(u).join() === 'Ana', 'the frozen peer dropped by the heartbeat');
    raw.destroy();
    a.close();
  });

  it('refuses presence where the caller may not read, without telling whether it exists', async () => {
    const g = await openStream(t.ws, { headers: guest.headers });
    g.send({ type: 'presence.enter', topic: { kind: 'space', id: secret.id } });
    expect(await g.waitFor((m) => m.type === 'error')).toMatchObject({ code: 'SPACE_NOT_FOUND' });
    g.send({ type: 'presence.editing', itemId, editing: true });
    expect(await g.waitFor((m) => m.type === 'error' && m.code === 'ITEM_NOT_FOUND')).toBeTruthy();
    expect(g.messages.some((m) => m.type === 'presence')).toBe(false);
    g.close();
  });
});
