import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StreamClient, type StreamStatus, type WebSocketConstructor } from '@weft/client';
import type { PresenceUser, StreamEvent } from '@weft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { api, type ServerProcess, setupWorkspace, startServer } from './server-process';

/** Resolves once `check` holds, checking every 20 ms. */
async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function watcher(baseUrl: () => string, token: string, since?: number) {
  const seen = { events: [] as StreamEvent[], statuses: [] as StreamStatus[], resyncs: [] as string[], presence: new Map<string, PresenceUser[]>() };
  const client = new StreamClient({
    baseUrl,
    token,
    since,
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    backoff: { initialMs: 50, maxMs: 300 },
    onEvent: (e) => seen.events.push(e),
    onStatus: (s) => seen.statuses.push(s),
    onResync: (_seq, reason) => seen.resyncs.push(reason),
    onPresence: (topic, users) => seen.presence.set(topic.id, users),
  });
  client.connect();
  return { client, ...seen };
}

/** The StreamClient (packages/client) against a real server process: what the web app and CLI rely on. */
describe('StreamClient against a server process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-stream-'));
  const env = { WEFT_DATA_DIR: dir, WEFT_STREAM_MAX_CATCH_UP: '20', WEFT_STREAM_HEARTBEAT_MS: '200' };
  let server: ServerProcess;
  let ws: Awaited<ReturnType<typeof setupWorkspace>>;
  beforeAll(async () => {
    server = await startServer(env);
    ws = await setupWorkspace(server.url);
  }, 60_000);
  afterAll(async () => {
    await server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });
  const create = (title: string) => api(server.url, 'POST', `/spaces/${ws.spaceId}/items`, { token: ws.token, body: { title } });

  it('survives a server restart: reconnects, resumes with since, re-enters presence', { timeout: 60_000 }, async () => {
    const a = watcher(() => server.url, ws.token);
    const b = watcher(() => server.url, ws.token);
    await until(() => a.client.status === 'live' && b.client.status === 'live', 'both live');
    const item = (await create('seen')).json;
    await until(() => a.events.some((e) => e.itemId === item.id), 'the first event');
    a.client.setEditing(item.id, true);
    b.client.enter({ kind: 'item', id: item.id });
    await until(() => b.presence.get(item.id)?.some((u) => u.editing) === true, 'editing shown');

    await server.kill('SIGKILL');
    await until(() => a.client.status === 'down' && b.client.status === 'down', 'both down');
    server = await startServer(env);
    const after = (await create('after restart')).json;
    await until(() => a.events.some((e) => e.itemId === after.id), 'the change made while down');
    expect(a.events.map((e) => e.seq)).toEqual([...new Set(a.events.map((e) => e.seq))].sort((x, y) => x - y));
    // Presence lived in the dead process; the clients put it back themselves.
    await until(() => b.presence.get(item.id)?.some((u) => u.editing) === true, 'editing shown again');
    a.client.close();
    b.client.close();
  });

  it('calls onResync when the gap is too long, then continues live', { timeout: 30_000 }, async () => {
    const a = watcher(() => server.url, ws.token);
    await until(() => a.client.status === 'live', 'live');
    const since = a.client.seq as number;
    a.client.close();
    for (let i = 0; i < 25; i++) await create(`gap ${i}`);
    const b = watcher(() => server.url, ws.token, since);
    await until(() => b.resyncs.length === 1 && b.client.status === 'live', 'resync');
    expect(b.resyncs).toEqual(['too_far_behind']);
    expect(b.events).toEqual([]);
    const live = (await create('after resync')).json;
    await until(() => b.events.some((e) => e.itemId === live.id), 'live after resync');
    b.client.close();
  });

  it('stops with status unauthorized when its token is revoked', { timeout: 30_000 }, async () => {
    const tok = await api(server.url, 'POST', '/tokens', { token: ws.token, body: { name: 'short-lived' } });
    const a = watcher(() => server.url, tok.json.token);
    await until(() => a.client.status === 'live', 'live');
    await api(server.url, 'DELETE', `/tokens/${tok.json.id}`, { token: ws.token });
    await until(() => a.client.status === 'unauthorized', 'unauthorized');
  });
});
