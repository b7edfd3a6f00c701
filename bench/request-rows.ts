import type autocannon from 'autocannon';
import type { Setup, Space } from './api';
import { type LoadSpec, measure } from './load';
import type { Options } from './options';
import { type PoolItem, itemInput } from './pool';
import type { Row } from './report';

export type RequestContext = {
  opts: Options;
  setup: Setup;
  /** the space whose items are read, updated and moved */
  space: Space;
  pool: PoolItem[];
  /** spaces that receive created items, so the read/update/move pool stays the same size */
  createSpaceId: string;
  bulkSpaceId: string | null;
};

const json = { 'content-type': 'application/json' };
const rand = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];

async function throughput(c: RequestContext, section: string, name: string, unit: string, spec: Omit<LoadSpec, 'url' | 'durationS'>, perRequest = 1): Promise<Row> {
  const r = await measure({ url: c.setup.api.url, durationS: c.opts.durationS, headers: c.setup.api.headers, ...spec }, c.opts.rounds, c.opts.warmupS);
  const ok = r.ok > 0;
  return {
    section,
    name,
    value: ok ? r.rps * perRequest : null,
    unit,
    p50: ok ? r.p50 : null,
    p99: ok ? r.p99 : null,
    ...(ok ? {} : { note: `no 2xx answers (${r.non2xx} non-2xx, ${r.errors} errors)` }),
    detail: { connections: spec.connections, roundsRps: r.rounds.map((x) => x.rps * perRequest), non2xx: r.non2xx, statuses: r.statuses, errors: r.errors, bytesPerResponse: r.bytesPerReq },
  };
}

type Versioned = { requests: autocannon.Request[]; afterRun: () => Promise<void>; errors: string[] };

/**
 * A request that changes one pool item per call, round-robin, sending the version the previous
 * answer for that item carried: with far more items than connections no two requests race for
 * the same item, so 409s stay at zero (they are counted in `detail.statuses` if they happen).
 * Requests still in flight when autocannon ends a run are answered but never read, so their
 * items' versions are re-read before the next run.
 */
function versioned(c: RequestContext, versions: Map<string, number>, method: 'PATCH' | 'POST', path: (it: PoolItem) => string, body: (it: PoolItem, k: number) => object): Versioned {
  const { pool } = c;
  const pending = new Set<string>();
  const errors: string[] = [];
  let k = 0;
  const requests: autocannon.Request[] = [
    {
      method,
      setupRequest: (req) => {
        const it = pool[k++ % pool.length];
        pending.add(it.id);
        return { ...req, path: path(it), headers: { ...req.headers, ...json }, body: JSON.stringify({ ...body(it, k), version: versions.get(it.id) }) };
      },
      onResponse: (status, text) => {
        if (status !== 200 && errors.length < 3) errors.push(`${status} ${text.slice(0, 300)}`);
        if (status !== 200 && status !== 409) return;
        const b = JSON.parse(text) as { id?: string; version?: number; current?: { id: string; version: number } };
        const cur = status === 200 ? b : b.current;
        if (cur?.id && typeof cur.version === 'number') {
          versions.set(cur.id, cur.version);
          pending.delete(cur.id);
        }
      },
    },
  ];
  const afterRun = async () => {
    for (const id of [...pending]) {
      const it = await c.setup.api.call<{ version: number }>('GET', `/api/v1/items/${id}`);
      versions.set(id, it.version);
    }
    pending.clear();
  };
  return { requests, afterRun, errors };
}

const withSamples = (row: Row, samples: string[]): Row => (samples.length ? { ...row, detail: { ...row.detail, errorSamples: samples } } : row);

/** Item-level rows: reads, creates, bulk create, versioned updates, board moves. */
export async function requestRows(c: RequestContext): Promise<Row[]> {
  const { pool, opts } = c;
  const conns = opts.connections;
  const rows: Row[] = [];
  const section = 'items';
  const readTarget = { op: '>=' as const, value: 0.5, of: 'ratio' as const };
  const get = (path: (it: PoolItem) => string): autocannon.Request[] => [{ method: 'GET', setupRequest: (req) => ({ ...req, path: path(rand(pool)) }) }];
  rows.push({ ...(await throughput(c, section, 'read by id', 'req/s', { connections: conns, requests: get((it) => `/api/v1/items/${it.id}`) })), target: readTarget });
  rows.push({ ...(await throughput(c, section, 'read by key', 'req/s', { connections: conns, requests: get((it) => `/api/v1/items/${it.key}`) })), target: readTarget });
  // The same read past the server's answer cache (what a read costs right after a write): no target, for comparison.
  const uncached: autocannon.Request[] = [{ method: 'GET', headers: { ...c.setup.api.headers, 'cache-control': 'no-cache' }, setupRequest: (req) => ({ ...req, path: `/api/v1/items/${rand(pool).id}` }) }];
  rows.push(await throughput(c, section, 'read by id, uncached', 'req/s', { connections: conns, requests: uncached }));

  const create = (connections: number) => ({ connections, method: 'POST' as const, path: `/api/v1/spaces/${c.createSpaceId}/items`, body: JSON.stringify(itemInput(1)) });
  rows.push(await throughput(c, section, 'create, concurrency 1', 'items/s', create(1)));
  rows.push(await throughput(c, section, `create, concurrency ${conns}`, 'items/s', create(conns)));

  const bulkTarget = opts.db === 'sqlite' ? { op: '>=' as const, value: 20_000, of: 'value' as const } : null;
  if (c.bulkSpaceId) {
    const body = JSON.stringify({ items: Array.from({ length: 1000 }, (_, i) => itemInput(i)) });
    // ?return=minimal: an import needs the new ids and keys, not 1,000 full items back (docs/api.md).
    const spec = { connections: 2, method: 'POST' as const, path: `/api/v1/spaces/${c.bulkSpaceId}/items/batch?return=minimal`, body, amount: opts.quick ? 4 : 20 };
    rows.push({ ...(await throughput(c, section, 'bulk create, 1,000 per request (?return=minimal)', 'items/s', spec, 1000)), target: bulkTarget });
  } else {
    rows.push({ section, name: 'bulk create', value: null, unit: 'items/s', note: 'n/a: endpoint missing (POST /spaces/:id/items/batch)', target: bulkTarget });
  }

  const versions = new Map(pool.map((p) => [p.id, p.version]));
  const update = versioned(c, versions, 'PATCH', (it) => `/api/v1/items/${it.id}`, (_it, k) => ({ title: `Updated title ${k}` }));
  rows.push(withSamples(await throughput(c, section, 'update with version', 'req/s', { connections: conns, ...update }), update.errors));

  // Board moves: each item goes to the end of the next open column (Backlog → Todo → In Progress → In Review).
  const open = c.space.statuses.filter((s) => s.category !== 'done' && s.category !== 'canceled').map((s) => s.id);
  const moves = new Map<string, number>();
  const nextColumn = (it: PoolItem) => {
    const n = (moves.get(it.id) ?? 0) + 1;
    moves.set(it.id, n);
    return open[n % open.length];
  };
  const move = versioned(c, versions, 'POST', (it) => `/api/v1/items/${it.id}/move`, (it) => ({ statusId: nextColumn(it) }));
  rows.push(withSamples(await throughput(c, section, 'move on a board', 'req/s', { connections: conns, ...move }), move.errors));
  return rows;
}
