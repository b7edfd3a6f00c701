/**
 * Real-time fan-out rows (issue 6): N WebSocket clients subscribed to one workspace on loopback,
 * one change through the API → milliseconds until the LAST client has its event; p50/p99 over the
 * changes. Once against one server process (SQLite), once against two processes sharing PostgreSQL
 * and Redis (half the clients on each, every change made through the first), so the second figure
 * includes the Redis wake-up and the other process reading the outbox.
 *
 * The clients run in this bench process and parse every message they get, as real clients would:
 * on a 2-core machine the figure includes their work, not only the server's.
 */
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { createSpace, setup } from './api';
import { type BenchDatabase, createBenchDatabase } from './database';
import { percentile } from './load';
import type { Options } from './options';
import type { Log } from './phases';
import { freePort, SERVER_ENTRY, SERVER_NODE_ARGS, type ServerProcess, startProcess, waitHealthy } from './process';
import type { Row } from './report';

const SECTION = 'real time';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function startServer(db: BenchDatabase, extra: Record<string, string>): Promise<ServerProcess> {
  const env = { PORT: String(await freePort()), HOST: '127.0.0.1', WEFT_DATA_DIR: db.dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'production', ...db.env, ...extra };
  const server = await startProcess(SERVER_ENTRY, ['serve'], env, 60_000, SERVER_NODE_ARGS);
  await waitHealthy(`${server.url}/healthz`);
  return server;
}

type Subscriber = { ws: WebSocket; got: Map<string, number> };

/** Opens `n` stream connections (token in the query, as non-browser clients do); resolves once all are live. */
async function subscribe(urls: string[], token: string, workspaceId: string, n: number): Promise<Subscriber[]> {
  const subs: Subscriber[] = [];
  const opening: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    const base = urls[i % urls.length].replace(/^http/, 'ws');
    const ws = new WebSocket(`${base}/api/v1/stream?token=${encodeURIComponent(token)}&workspaceId=${workspaceId}`);
    const sub: Subscriber = { ws, got: new Map() };
    subs.push(sub);
    opening.push(
      new Promise((resolve, reject) => {
        ws.on('message', (raw) => {
          const m = JSON.parse(String(raw));
          if (m.type === 'welcome') resolve();
          else if (m.type === 'event' && m.itemId) sub.got.set(`${m.itemId}@${m.version}`, performance.now());
        });
        ws.once('error', reject);
        ws.once('close', (code) => reject(new Error(`stream closed (${code}) before its welcome`)));
      }),
    );
    // Opening a thousand sockets at once makes a SYN flood of loopback: a hundred at a time.
    if (opening.length % 100 === 0) await Promise.all(opening.slice(-100));
  }
  await Promise.all(opening);
  return subs;
}

/** `changes` retitles in a row; per change, ms from sending it to the last subscriber having it. */
async function measureChanges(apiUrl: string, token: string, spaceId: string, subs: Subscriber[], changes: number): Promise<number[]> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const made = await (await fetch(`${apiUrl}/api/v1/spaces/${spaceId}/items`, { method: 'POST', headers, body: JSON.stringify({ title: 'Fan-out' }) })).json();
  let version: number = made.version;
  const out: number[] = [];
  for (let i = 0; i < changes; i++) {
    const t0 = performance.now();
    const res = await fetch(`${apiUrl}/api/v1/items/${made.id}`, { method: 'PATCH', headers, body: JSON.stringify({ title: `Fan-out ${i}`, version }) });
    if (res.status !== 200) throw new Error(`PATCH → ${res.status} ${await res.text()}`);
    version = (await res.json()).version;
    const key = `${made.id}@${version}`;
    const deadline = t0 + 30_000;
    while (subs.some((s) => !s.got.has(key))) {
      if (performance.now() > deadline) throw new Error(`${subs.filter((s) => !s.got.has(key)).length} of ${subs.length} clients never got change ${i}`);
      await new Promise((r) => setImmediate(r));
    }
    let last = 0;
    for (const s of subs) last = Math.max(last, s.got.get(key) as number);
    out.push(last - t0);
    for (const s of subs) s.got.delete(key);
  }
  return out;
}

function row(name: string, ms: number[], clients: number): Row {
  return { section: SECTION, name, value: ms.length ? percentile(ms, 99) : null, unit: 'ms', p50: ms.length ? percentile(ms, 50) : null, p99: ms.length ? percentile(ms, 99) : null, detail: { clients, changes: ms.length } };
}

export async function fanoutPhase(opts: Options, log: Log): Promise<Row[]> {
  const clients = opts.quick ? 200 : 1000;
  const changes = opts.quick ? 20 : 200;
  const rows: Row[] = [];

  const single = await createBenchDatabase('sqlite');
  let server: ServerProcess | null = null;
  let subs: Subscriber[] = [];
  try {
    server = await startServer(single, {});
    const s = await setup(server.url, 'Fan-out');
    const space = await createSpace(s, 'FAN', 'Fan-out');
    log(`fan-out: ${clients} clients on one process`);
    subs = await subscribe([server.url], s.token, s.workspaceId, clients);
    rows.push(row(`${clients.toLocaleString('en-US')} clients, one process: change → last client has it`, await measureChanges(server.url, s.token, space.id, subs, changes), clients));
  } finally {
    for (const x of subs) x.ws.terminate();
    await server?.stop();
    await single.dispose();
  }

  const shared = await createBenchDatabase('postgres');
  const procs: ServerProcess[] = [];
  subs = [];
  try {
    const extra = { REDIS_URL, WEFT_REDIS_PREFIX: `weft-bench-${randomBytes(4).toString('hex')}` };
    procs.push(await startServer(shared, extra));
    procs.push(await startServer(shared, extra));
    const s = await setup(procs[0].url, 'Fan-out');
    const space = await createSpace(s, 'FAN', 'Fan-out');
    log(`fan-out: ${clients} clients on two processes (PostgreSQL + Redis)`);
    subs = await subscribe(
      procs.map((p) => p.url),
      s.token,
      s.workspaceId,
      clients,
    );
    rows.push(row(`${clients.toLocaleString('en-US')} clients on two processes + Redis (changes through one): change → last client`, await measureChanges(procs[0].url, s.token, space.id, subs, changes), clients));
  } finally {
    for (const x of subs) x.ws.terminate();
    for (const p of procs) await p.stop();
    await shared.dispose();
  }
  return rows;
}
