import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildItem, buildSpace, type SpaceJson, statusIn } from '../test/factories';
import { buildUser, buildWorkspace, call, type TestApp, type TestUser } from '../test/harness';
import { eventCount, listeningApp, openStream } from './stream-test-kit';

describe.each(testDialects())('the live stream on %s', (dialect) => {
  let t: TestApp & { url: string; ws: string };
  let owner: TestUser;
  let ws: { id: string };
  let space: SpaceJson;

  beforeAll(async () => {
    t = await listeningApp(dialect, { maxCatchUp: 100 });
    owner = await buildUser(t, { name: 'Ana Owner' });
    ws = await buildWorkspace(t, owner);
    space = await buildSpace(t, owner, ws.id);
  });
  afterAll(() => t.close());

  it('refuses anonymous upgrades with 401, plain GETs with a problem document, and foreign origins', async () => {
    await expect(openStream(t.ws)).rejects.toThrow('refused: 401');
    await expect(openStream(t.ws, { headers: { ...owner.headers, origin: 'https://evil.example' } })).rejects.toThrow('refused: 403');
    const plain = await call(t, owner, 'GET', '/api/v1/stream');
    expect(plain.statusCode).toBe(400);
    expect(plain.json().code).toBe('BAD_REQUEST');
    const same = await openStream(t.ws, { headers: { ...owner.headers, origin: t.url } });
    await same.waitFor((m) => m.type === 'synced');
    same.close();
  });

  it('delivers item events in commit order with their versions and the changed fields', async () => {
    const s = await openStream(t.ws, { headers: owner.headers });
    const welcome = await s.waitFor((m) => m.type === 'welcome');
    expect(welcome).toMatchObject({ protocol: 1, userId: owner.id });
    const item = await buildItem(t, owner, space.id, { title: 'First' });
    let version = item.version;
    for (const title of ['Second', 'Third']) {
      const res = await call(t, owner, 'PATCH', `/api/v1/items/${item.id}`, { version, title });
      expect(res.statusCode).toBe(200);
      version = res.json().version;
    }
    const done = statusIn(space, 'done');
    const moved = await call(t, owner, 'POST', `/api/v1/items/${item.id}/move`, { version, statusId: done });
    expect(moved.statusCode).toBe(200);
    const events = await eventCount(s, 4);
    expect(events.map((e) => [e.kind, e.version, e.itemId])).toEqual([
      ['item.created', 1, item.id],
      ['item.updated', 2, item.id],
      ['item.updated', 3, item.id],
      ['item.moved', 4, item.id],
    ]);
    expect(events[0].record).toMatchObject({ title: 'First', key: item.key, statusId: item.statusId, position: expect.any(String) });
    expect(events[2].record).toMatchObject({ title: 'Third' });
    expect(events[3].record).toMatchObject({ statusId: done, position: expect.any(String) });
    expect(events.every((e, i) => i === 0 || e.seq > events[i - 1].seq)).toBe(true);
    expect(events[0]).toMatchObject({ workspaceId: ws.id, spaceId: space.id, actorId: owner.id });
    s.close();
  });

  it('resumes with since: exactly the 100 changes made while away, in order, then live', async () => {
    const first = await openStream(t.ws, { headers: owner.headers });
    const synced = await first.waitFor((m) => m.type === 'synced');
    const since = (synced as { seq: number }).seq;
    first.close();
    await first.closed;
    const made: string[] = [];
    for (let i = 0; i < 100; i++) made.push((await buildItem(t, owner, space.id, { title: `away ${i}` })).id);

    const back = await openStream(t.ws, { headers: owner.headers, query: `since=${since}` });
    await back.waitFor((m) => m.type === 'synced');
    const replayed = back.events();
    expect(replayed.map((e) => e.itemId)).toEqual(made);
    expect(replayed.map((e) => e.seq)).toEqual(replayed.map((_, i) => since + 1 + i));
    // The hand-over to live neither repeats nor skips.
    const live = await buildItem(t, owner, space.id, { title: 'live' });
    const all = await eventCount(back, 101);
    expect(all[100].itemId).toBe(live.id);
    expect(new Set(all.map((e) => e.seq)).size).toBe(101);
    back.close();
  });

  it('answers resync when since is too far behind or unknown, then continues live', async () => {
    const far = await openStream(t.ws, { headers: owner.headers, query: 'since=0' });
    const resync = await far.waitFor((m) => m.type === 'resync');
    expect(resync).toMatchObject({ reason: 'too_far_behind' });
    expect(far.events()).toEqual([]);
    const item = await buildItem(t, owner, space.id);
    const [e] = await eventCount(far, 1);
    expect(e.itemId).toBe(item.id);
    expect(e.seq).toBeGreaterThan((resync as { seq: number }).seq);
    far.close();

    const future = await openStream(t.ws, { headers: owner.headers, query: 'since=999999999' });
    expect(await future.waitFor((m) => m.type === 'resync')).toMatchObject({ reason: 'unknown_seq' });
    future.close();
  });

  it('answers pings and reports bad messages without closing', async () => {
    const s = await openStream(t.ws, { headers: owner.headers });
    s.send({ type: 'ping', t: 7 });
    expect(await s.waitFor((m) => m.type === 'pong')).toEqual({ type: 'pong', t: 7 });
    s.send({ type: 'nonsense' });
    expect(await s.waitFor((m) => m.type === 'error')).toMatchObject({ code: 'BAD_MESSAGE' });
    s.ws.send('{not json');
    s.send({ type: 'ping', t: 8 });
    await s.waitFor((m) => m.type === 'pong' && m.t === 8);
    s.close();
  });
});
