/**
 * A quick A/B probe while optimising (not part of `npm run bench`): starts the baseline and the
 * real server (optionally under `node --cpu-prof`, PROF_DIR=<dir>), builds a small pool and
 * measures read by id, read by key and bulk create for a few seconds each.
 * `node --import tsx bench/probe.ts [reads|bulk|all] [seconds]`
 */
import { readFileSync } from 'node:fs';
import { createSpace, setup } from './api';
import { createBenchDatabase } from './database';
import { load } from './load';
import { createPool, itemInput } from './pool';
import { buildServer, freePort, probeNodeArgs, SERVER_ENTRY, startProcess, waitHealthy } from './process';

const what = process.argv[2] ?? 'all';
const secs = Number(process.argv[3] ?? 5);
const db = await createBenchDatabase('sqlite');
const baseline = await startProcess('bench/baseline-server.ts', [], { PORT: String(await freePort()), NODE_ENV: 'production' });
const env = { PORT: String(await freePort()), HOST: '127.0.0.1', WEFT_DATA_DIR: db.dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'production', ...db.env };
buildServer();
const server = await startProcess(SERVER_ENTRY, ['serve'], env, 60_000, probeNodeArgs());
if (process.env.PROBE_STDERR) server.child.stderr?.pipe(process.stderr);
const cpuMs = () => { const f = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
try {
  await waitHealthy(`${server.url}/healthz`);
  const s = await setup(server.url, 'Probe');
  const space = await createSpace(s, 'BEN', 'Bench');
  const pool = await createPool(s.api, space.id, 500, true);
  const rand = () => pool[Math.floor(Math.random() * pool.length)];
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const base = await load({ url: baseline.url, path: '/', connections: 16, durationS: secs });
  console.log(`baseline ${fmt(base.rps)} req/s p50 ${base.p50} p99 ${base.p99}`);
  if (what === 'reads' || what === 'all') {
    for (const [name, path] of [['by id', (it: (typeof pool)[0]) => it.id], ['by key', (it: (typeof pool)[0]) => it.key]] as const) {
      await load({ url: server.url, connections: 16, durationS: 1, headers: s.api.headers, requests: [{ method: 'GET', setupRequest: (r) => ({ ...r, path: `/api/v1/items/${path(rand())}` }) }] });
      const c0 = cpuMs();
      const r = await load({ url: server.url, connections: 16, durationS: secs, headers: s.api.headers, requests: [{ method: 'GET', setupRequest: (r) => ({ ...r, path: `/api/v1/items/${path(rand())}` }) }] });
      console.log(`read ${name} ${fmt(r.rps)} req/s ratio ${(r.rps / base.rps).toFixed(3)} p50 ${r.p50} p99 ${r.p99} non2xx ${r.non2xx} server cpu ${(((cpuMs() - c0) * 1000) / r.ok).toFixed(0)} µs/req`);
    }
  }
  if (what === 'bulk' || what === 'all') {
    const bulk = await createSpace(s, 'BLK', 'Bulk');
    const body = JSON.stringify({ items: Array.from({ length: 1000 }, (_, i) => itemInput(i)) });
    const q = process.env.BULK_QUERY ?? '';
    const c0 = cpuMs();
    const r = await load({ url: server.url, path: `/api/v1/spaces/${bulk.id}/items/batch${q}`, method: 'POST', body, connections: 2, durationS: 0, amount: Number(process.env.BULK_N ?? 20), headers: s.api.headers });
    console.log(`bulk ${fmt(r.rps * 1000)} items/s p50 ${r.p50} p99 ${r.p99} non2xx ${r.non2xx} bytes ${fmt(r.bytesPerReq)} server cpu ${((cpuMs() - c0) / r.ok).toFixed(1)} ms/req`);
  }
} finally {
  await server.stop();
  await baseline.stop();
  if (process.env.KEEP) {
    const { cpSync } = await import('node:fs');
    cpSync(db.dataDir, process.env.KEEP, { recursive: true });
  }
  await db.dispose();
}
