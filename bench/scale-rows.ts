import type { Api } from './api';
import { type LoadResult, measure, percentile } from './load';
import type { Options } from './options';
import type { Row } from './report';

export type ScaleContext = { opts: Options; api: Api; workspaceId: string; boardSpaceId: string; items: number };

/** The five typical queries of issue 3, then the full-text search row. */
export const QUERIES: Array<[string, string]> = [
  ['my open items', 'assignee:me is:open'],
  ['overdue in a space', 'space:S07 due:overdue'],
  ['label + status', 'label:bug status:todo'],
  ['free text', 'invoice export'],
  ['custom field', '"Customer tier":gold'],
];
export const SEARCH: [string, string] = ['full-text search', 'escalation'];

const latencyTarget = (of: 'p95' | 'p99') => ({ op: '<=' as const, value: 50, of });
const samplesS = (o: Options) => (o.quick ? 2 : 5);
const got = (r: LoadResult) => r.ok > 0;

/** Counts a space's live items by walking its list pages (200 each), once, for the row's name. */
async function listedItems(api: Api, spaceId: string): Promise<{ firstPage: string; items: number }> {
  let items = 0;
  let pages = 0;
  let cursor: string | null = null;
  const first = `/api/v1/spaces/${spaceId}/items?limit=200`;
  do {
    const path: string = `${first}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const r = await api.raw('GET', path);
    if (r.status !== 200) throw new Error(`GET ${path} → ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
    items += r.body?.data?.length ?? 0;
    cursor = r.body?.nextCursor ?? null;
  } while (cursor && ++pages < 1000);
  return { firstPage: first, items };
}

/**
 * Board rows: the whole board in one request (GET /spaces/:id/board, what the web app loads), its
 * payload, and one 200-item page of the full-item list for comparison.
 */
async function boardRows(c: ScaleContext, section: string): Promise<Row[]> {
  const { opts, api } = c;
  const { firstPage, items } = await listedItems(api, c.boardSpaceId);
  const path = `/api/v1/spaces/${c.boardSpaceId}/board`;
  // The first board read after a start builds the server's board cache: reported on its own row.
  const cold = await timedGet(api, path);
  const first = await api.raw('GET', path);
  const coldMs = cold.ms;
  const cards = (first.body as { items?: unknown[] } | null)?.items?.length ?? 0;
  const name = `board of ${items.toLocaleString('en-US')} items`;
  if (first.status !== 200 || cards !== items) {
    const note = first.status !== 200 ? `answered ${first.status} ${first.body?.code ?? ''}` : `${cards} cards for ${items} listed items`;
    return [{ section, name: `${name}: one request`, value: null, unit: 'ms', target: latencyTarget('p99'), note }];
  }
  const [, warmMs] = await timed(() => api.raw('GET', path));
  const s = sampling(opts, warmMs);
  const board = await measure({ url: api.url, headers: api.headers, connections: 1, path, ...s }, 1, s.amount ? 0 : 0.5);
  const one = await measure({ url: api.url, headers: api.headers, connections: 1, durationS: samplesS(opts), path: firstPage, timeoutS: 120 }, 1, 0.5);
  const changed = await boardAfterChange(api, path, first.body as { items: Array<{ id: string; version: number }> }, opts.quick ? 5 : 40);
  return [
    {
      section,
      name: `${name}: one request (GET /spaces/:id/board)`,
      value: got(board) ? board.p99 : null,
      unit: 'ms',
      p50: got(board) ? board.p50 : null,
      p99: got(board) ? board.p99 : null,
      target: latencyTarget('p99'),
      detail: { samples: board.ok, non2xx: board.non2xx },
    },
    {
      section,
      name: `${name}: right after one card changed (PATCH, then GET the board)`,
      value: changed.length ? percentile(changed, 99) : null,
      unit: 'ms',
      p50: changed.length ? percentile(changed, 50) : null,
      p99: changed.length ? percentile(changed, 99) : null,
      target: latencyTarget('p99'),
      detail: { samples: changed.length },
    },
    { section, name: `${name}: first request after start (builds the board cache)`, value: coldMs, unit: 'ms' },
    { section, name: `${name}: board payload`, value: first.bytes, unit: 'bytes', detail: { cards } },
    {
      section,
      name: 'list: one page of 200 full items',
      value: got(one) ? one.p99 : null,
      unit: 'ms',
      p50: got(one) ? one.p50 : null,
      p99: got(one) ? one.p99 : null,
      detail: { samples: one.ok, bytes: one.bytesPerReq },
    },
  ];
}

/**
 * The board read right after a change to one of its cards (a retitle through PATCH, the version
 * carried over), `n` times: the path a board takes while people work, where the server's cache
 * must catch up from the event log instead of answering from memory alone. Milliseconds per GET.
 */
async function boardAfterChange(api: Api, path: string, board: { items: Array<{ id: string; version: number }> }, n: number): Promise<number[]> {
  const out: number[] = [];
  const cards = board.items.slice(0, Math.max(1, Math.min(n, board.items.length)));
  const versions = new Map(cards.map((c) => [c.id, c.version]));
  for (let i = 0; i < n && cards.length > 0; i++) {
    const card = cards[i % cards.length];
    const r = await api.raw('PATCH', `/api/v1/items/${card.id}`, { title: `Bench card ${i}`, version: versions.get(card.id) });
    if (r.status !== 200) throw new Error(`PATCH card → ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
    versions.set(card.id, (r.body as unknown as { version: number }).version);
    const g = await timedGet(api, path);
    if (g.status !== 200) throw new Error(`GET board → ${g.status}`);
    out.push(g.ms);
  }
  return out;
}

/**
 * Sequential samples (one connection) for about `samplesS` seconds. A query too slow for that
 * gets a fixed count instead (5, or 3 past 1 s, or 1 past 10 s each), so a slow figure is
 * reported as slow rather than missing, and the full run stays within its time budget.
 */
function sampling(o: Options, warmMs: number): { durationS: number; amount?: number; timeoutS: number } {
  const budgetMs = samplesS(o) * 1000;
  if (warmMs * 10 < budgetMs) return { durationS: samplesS(o), timeoutS: 120 };
  const least = warmMs > 10_000 ? 1 : warmMs > 1000 ? 3 : 5;
  return { durationS: samplesS(o), amount: Math.max(least, Math.min(50, Math.floor(budgetMs / warmMs))), timeoutS: 120 };
}

/** One GET timed until its last byte arrived (not parsed: as autocannon measures the other rows). */
async function timedGet(api: Api, path: string): Promise<{ status: number; ms: number }> {
  const t = performance.now();
  const res = await fetch(api.url + path, { headers: api.headers });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - t };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await fn();
  return [v, performance.now() - t];
}

async function queryRow(c: ScaleContext, section: string, label: string, q: string): Promise<Row> {
  const path = `/api/v1/workspaces/${c.workspaceId}/items?q=${encodeURIComponent(q)}&limit=50`;
  // The first call after a restart reads cold pages; the second one's time picks the sampling.
  const first = await c.api.raw('GET', path);
  const base = { section, name: `${label}: \`${q}\``, unit: 'ms', target: latencyTarget('p95') };
  if (first.status !== 200) return { ...base, value: null, p50: null, p95: null, note: `answered ${first.status} ${first.body?.code ?? ''}`.trim() };
  const [, warmMs] = await timed(() => c.api.raw('GET', path));
  const s = sampling(c.opts, warmMs);
  const r = await measure({ url: c.api.url, headers: c.api.headers, connections: 1, path, ...s }, 1, s.amount ? 0 : 0.5);
  return {
    ...base,
    value: got(r) ? r.p95 : null,
    p50: got(r) ? r.p50 : null,
    p95: got(r) ? r.p95 : null,
    detail: { samples: r.ok, non2xx: r.non2xx, firstPage: first.body?.data?.length ?? 0, more: (first.body?.nextCursor ?? null) !== null },
  };
}

/** Board, query-language and search figures for a workspace of `items` items. */
export async function scaleRows(c: ScaleContext): Promise<Row[]> {
  const section = `${c.items.toLocaleString('en-US')} items`;
  const rows = await boardRows(c, section);
  for (const [label, q] of [...QUERIES, SEARCH]) rows.push(await queryRow(c, section, label, q));
  return rows;
}
