import { api as apiClient, createSpace, setup, type Setup } from './api';
import type { BenchDatabase } from './database';
import { generate } from './generate';
import { BOARD_KEY } from './generate-data';
import { measure } from './load';
import type { Options } from './options';
import { createPool, hasBatchEndpoint } from './pool';
import { freePort, SERVER_ENTRY, SERVER_NODE_ARGS, type ServerProcess, startProcess, waitHealthy } from './process';
import type { Row } from './report';
import { requestRows } from './request-rows';
import { scaleRows } from './scale-rows';

export type Log = (msg: string) => void;

/** The real server, as an operator runs it, in its own process. */
export async function startWeft(db: BenchDatabase): Promise<ServerProcess> {
  const env = { PORT: String(await freePort()), HOST: '127.0.0.1', WEFT_DATA_DIR: db.dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'production', ...db.env };
  const server = await startProcess(SERVER_ENTRY, ['serve'], env, 60_000, SERVER_NODE_ARGS);
  await waitHealthy(`${server.url}/healthz`);
  return server;
}

/** Bare-Fastify rounds: the yardstick every throughput row is divided by. */
export async function baselineRounds(opts: Options, baseline: ServerProcess, name: string): Promise<Row & { rps: number[] }> {
  const r = await measure({ url: baseline.url, path: '/', connections: opts.connections, durationS: opts.durationS }, opts.rounds, opts.warmupS);
  const rps = r.rounds.map((x) => x.rps);
  return { section: 'baseline', name, value: r.ok ? r.rps : null, unit: 'req/s', p50: r.p50, p99: r.p99, rps, detail: { connections: opts.connections, roundsRps: rps } };
}

/** Request-level rows on a small database: setup through the API, then reads, writes, moves. */
export async function requestPhase(opts: Options, db: BenchDatabase, log: Log, between: () => Promise<void>): Promise<{ rows: Row[]; idleRssMb: number }> {
  const server = await startWeft(db);
  try {
    const idleRssMb = server.rssMb();
    const s = await setup(server.url, 'Bench');
    const space = await createSpace(s, 'BEN', 'Bench');
    const createSpaceId = (await createSpace(s, 'CRT', 'Created')).id;
    const batch = await hasBatchEndpoint(s.api, space.id);
    const bulkSpaceId = batch ? (await createSpace(s, 'BLK', 'Bulk')).id : null;
    log(`creating a pool of ${opts.poolSize} items (${batch ? 'bulk endpoint' : 'single creates: no bulk endpoint'})`);
    const pool = await createPool(s.api, space.id, opts.poolSize, batch);
    await between();
    log('item rows');
    const rows = await requestRows({ opts, setup: s, space, pool, createSpaceId, bulkSpaceId });
    return { rows, idleRssMb };
  } finally {
    await server.stop();
  }
}

async function boardSpaceId(s: Setup): Promise<string> {
  const page = await s.api.call<{ data: Array<{ id: string; key: string }> }>('GET', `/api/v1/workspaces/${s.workspaceId}/spaces?limit=200`);
  const board = page.data.find((x) => x.key === BOARD_KEY);
  if (!board) throw new Error(`space ${BOARD_KEY} not found in the scale workspace`);
  return board.id;
}

/**
 * Scale rows: one data folder grows 10k → 100k → 1M (generated straight into the database while
 * the server is stopped), and the board, query and search figures are taken at each size.
 */
export async function scalePhase(opts: Options, db: BenchDatabase, log: Log): Promise<{ rows: Row[]; rssAfterMb: number; largest: number }> {
  let server = await startWeft(db);
  const s = await setup(server.url, 'Scale');
  await server.stop();
  const rows: Row[] = [];
  let from = 0;
  let rssAfterMb = Number.NaN;
  for (const to of opts.scales) {
    log(`generating items ${from.toLocaleString('en-US')} → ${to.toLocaleString('en-US')}`);
    const g = await generate({ databaseUrl: db.databaseUrl, workspaceId: s.workspaceId, ownerId: s.userId, from, to, boardSize: opts.boardSize });
    rows.push({
      section: 'generator',
      name: `+${g.items.toLocaleString('en-US')} items (to ${to.toLocaleString('en-US')})`,
      value: g.seconds,
      unit: 's',
      detail: { itemsPerSecond: Math.round(g.items / g.seconds), rows: g.rows },
    });
    server = await startWeft(db);
    try {
      const api = apiClient(server.url, s.api.headers);
      log(`board, query and search rows at ${to.toLocaleString('en-US')} items`);
      rows.push(...(await scaleRows({ opts, api, workspaceId: s.workspaceId, boardSpaceId: await boardSpaceId({ ...s, api }), items: to })));
      rssAfterMb = server.rssMb();
    } finally {
      await server.stop();
    }
    from = to;
  }
  return { rows, rssAfterMb, largest: from };
}
