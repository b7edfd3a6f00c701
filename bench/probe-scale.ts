/**
 * A quick probe of the board and search rows while optimising (not part of `npm run bench`):
 * generates `to` items (default 10,000; KEEP_SCALE=<dir> reuses/keeps a data folder), starts the
 * server and times N requests of the board and of each query, wall and server CPU per request.
 * `node --import tsx bench/probe-scale.ts [to] [n]`
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { api as apiClient, setup } from './api';
import { generate } from './generate';
import { BOARD_KEY } from './generate-data';
import { startWeft } from './phases';
import { buildServer, freePort, probeNodeArgs, SERVER_ENTRY, startProcess, waitHealthy } from './process';
import { QUERIES, SEARCH } from './scale-rows';

const to = Number(process.argv[2] ?? 10_000);
const n = Number(process.argv[3] ?? 20);
const dir = process.env.KEEP_SCALE ?? '/tmp/weft-probe-scale';
mkdirSync(dir, { recursive: true });
const db = { dataDir: dir, databaseUrl: `sqlite:${join(dir, 'weft.db')}`, env: {}, dispose: async () => {} };
const stateFile = join(dir, 'probe.json');
let state = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : null;
if (!state) {
  const server = await startWeft(db);
  const s = await setup(server.url, 'Scale');
  await server.stop();
  state = { headers: s.api.headers, workspaceId: s.workspaceId, userId: s.userId, items: 0 };
}
if (state.items < to) {
  await generate({ databaseUrl: db.databaseUrl, workspaceId: state.workspaceId, ownerId: state.userId, from: state.items, to, boardSize: 5_000 });
  state.items = to;
  writeFileSync(stateFile, JSON.stringify(state));
}
buildServer();
const server = await startProcess(SERVER_ENTRY, ['serve'], { PORT: String(await freePort()), HOST: '127.0.0.1', WEFT_DATA_DIR: db.dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'production' }, 60_000, probeNodeArgs());
await waitHealthy(`${server.url}/healthz`);
const cpuMs = () => {
  const f = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
try {
  const api = apiClient(server.url, state.headers);
  const spaces = await api.call<{ data: Array<{ id: string; key: string }> }>('GET', `/api/v1/workspaces/${state.workspaceId}/spaces?limit=200`);
  const board = (spaces.data.find((x) => x.key === BOARD_KEY) as { id: string }).id;
  const only = process.env.ONLY;
  const targets: Array<[string, string]> = [['board', `/api/v1/spaces/${board}/board`], ...[...QUERIES, SEARCH].map(([name, q]): [string, string] => [name, `/api/v1/workspaces/${state.workspaceId}/items?q=${encodeURIComponent(q)}&limit=50`])];
  for (const [name, path] of targets) {
    if (only && !name.includes(only)) continue;
    await api.raw('GET', path);
    const times: number[] = [];
    const c0 = cpuMs();
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      const r = await api.raw('GET', path);
      if (r.status !== 200) throw new Error(`${path} → ${r.status}`);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`${name.padEnd(20)} p50 ${times[Math.floor(n / 2)].toFixed(1)} ms  p95 ${times[Math.ceil(n * 0.95) - 1].toFixed(1)} ms  server cpu ${((cpuMs() - c0) / n).toFixed(1)} ms/req`);
  }
  console.log(`server RSS ${server.rssMb().toFixed(0)} MB`);
} finally {
  await server.stop();
}
