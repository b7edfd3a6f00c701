import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { type StreamStatus, StreamClient, type WebSocketConstructor } from '@weft/client';
import { TEST_PG_URL, testDialects } from '@weft/db';
import type { PresenceUser, StreamEvent } from '@weft/domain';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { api, type ServerProcess, setupWorkspace, startServer } from './server-process';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A fresh PostgreSQL database for one test; `drop()` removes it. */
async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `weft_cluster_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Resolves once `check` holds, checking every 20 ms (polling a condition, not sleeping a guess). */
async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every seq of the workspace's event log after `since`, read through the API. */
async function logSeqs(base: string, token: string, workspaceId: string, since: number): Promise<number[]> {
  const out: number[] = [];
  for (let s = since; ; ) {
    const page = await api(base, 'GET', `/workspaces/${workspaceId}/events?since=${s}&limit=1000`, { token });
    if (page.json.data.length === 0) return out;
    for (const e of page.json.data) out.push(e.seq);
    s = page.json.nextSince;
  }
}

/** Creates and updates items through one server, several writers at once. */
async function churn(base: string, token: string, spaceId: string, writers: number, rounds: number): Promise<void> {
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < rounds; i++) {
        const made = await api(base, 'POST', `/spaces/${spaceId}/items`, { token, body: { title: `w${w} ${i}` } });
        if (made.status !== 201) throw new Error(`create ${made.status}`);
        const upd = await api(base, 'PATCH', `/items/${made.json.id}`, { token, body: { version: made.json.version, title: `w${w} ${i}!` } });
        if (upd.status !== 200) throw new Error(`update ${upd.status}`);
      }
    }),
  );
}

const env = (db: string, redis: string) => ({
  DATABASE_URL: db,
  REDIS_URL: redis,
  WEFT_REDIS_PREFIX: `weft-test-${randomBytes(4).toString('hex')}`,
  // No timely poll: delivery across processes must come from the Redis wake-up.
  WEFT_STREAM_POLL_MS: '600000',
  WEFT_STREAM_HEARTBEAT_MS: '200',
  WEFT_DATA_DIR: tmpdir(),
});

function watch(baseUrl: () => string, token: string, since?: number) {
  const events: StreamEvent[] = [];
  const statuses: StreamStatus[] = [];
  const presence = new Map<string, PresenceUser[]>();
  const client = new StreamClient({
    baseUrl,
    token,
    since,
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    backoff: { initialMs: 50, maxMs: 400 },
    onEvent: (e) => events.push(e),
    onStatus: (s) => statuses.push(s),
    onPresence: (topic, users) => presence.set(topic.id, users),
  });
  client.connect();
  return { client, events, statuses, presence };
}

describe.skipIf(!testDialects().includes('postgres'))('two server processes on one PostgreSQL and one Redis', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    db = await freshDatabase();
    const e = env(db.url, REDIS_URL);
    a = await startServer(e); // migrates the fresh database first
    b = await startServer(e);
  }, 60_000);
  afterAll(async () => {
    await a?.kill();
    await b?.kill();
    await db?.drop();
  });

  it('a client on A sees every change made through B in order; after A dies it resumes on B with nothing missing or doubled', { timeout: 90_000 }, async () => {
    const { token, workspaceId, spaceId } = await setupWorkspace(b.url);
    let target = a.url;
    const w = watch(() => target, token);
    await until(() => w.client.status === 'live', 'live on A');
    const start = w.client.seq as number;

    // Presence crosses processes too: an editor on A appears to a viewer on B.
    const item = (await api(b.url, 'POST', `/spaces/${spaceId}/items`, { token, body: { title: 'watched' } })).json;
    const onB = watch(() => b.url, token);
    await until(() => onB.client.status === 'live', 'live on B');
    onB.client.enter({ kind: 'item', id: item.id });
    const editorOnA = new WebSocket(`${a.url.replace('http', 'ws')}/api/v1/stream?token=${token}`);
    await new Promise((r) => editorOnA.once('open', r));
    editorOnA.send(JSON.stringify({ type: 'presence.editing', itemId: item.id, editing: true }));
    await until(() => onB.presence.get(item.id)?.some((u) => u.editing) === true, 'A’s editor seen on B');

    await churn(b.url, token, spaceId, 4, 10);
    const firstLog = await logSeqs(b.url, token, workspaceId, start);
    await until(() => w.events.length >= firstLog.length, `${firstLog.length} events on A`);
    expect(w.events.map((e) => e.seq)).toEqual(firstLog);

    // A dies without a word; the load balancer would now send the client to B.
    target = b.url;
    await a.kill('SIGKILL');
    await until(() => w.statuses.includes('down'), 'the client notices A is gone');
    await churn(b.url, token, spaceId, 3, 10);
    const fullLog = await logSeqs(b.url, token, workspaceId, start);
    await until(() => w.events.length >= fullLog.length, `${fullLog.length} events after failover`);
    await until(() => w.client.status === 'live', 'live on B');
    expect(w.events.map((e) => e.seq)).toEqual(fullLog);
    expect(new Set(w.events.map((e) => e.seq)).size).toBe(w.events.length);
    expect(w.events.filter((e) => e.kind === 'item.updated').every((e) => e.version === 2)).toBe(true);

    // A's presence expires on B once A stops refreshing it.
    await until(() => (onB.presence.get(item.id) ?? []).every((u) => !u.editing), 'the dead process’s editor cleared on B');
    w.client.close();
    onB.client.close();
  });
});

describe.skipIf(!testDialects().includes('postgres'))('cluster mode with Redis unreachable', () => {
  it('keeps serving and delivers across processes by polling the outbox', { timeout: 90_000 }, async () => {
    const db = await freshDatabase();
    // Nothing listens on port 1: the bus never connects, so the feed falls back to fast polling.
    const e = env(db.url, 'redis://127.0.0.1:1');
    const a = await startServer(e);
    const b = await startServer(e);
    try {
      const { token, workspaceId, spaceId } = await setupWorkspace(b.url);
      const w = watch(() => a.url, token);
      await until(() => w.client.status === 'live', 'live on A');
      const start = w.client.seq as number;
      await churn(b.url, token, spaceId, 2, 5);
      const log = await logSeqs(b.url, token, workspaceId, start);
      await until(() => w.events.length >= log.length, `${log.length} events on A`);
      expect(w.events.map((x) => x.seq)).toEqual(log);
      w.client.close();
    } finally {
      await a.kill();
      await b.kill();
      await db.drop();
    }
  });
});
