import autocannon from 'autocannon';

export type LoadSpec = {
  url: string;
  path?: string;
  method?: 'GET' | 'POST' | 'PATCH';
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  durationS: number;
  /** a fixed number of requests instead of a duration (for rows whose every request adds data) */
  amount?: number;
  /** seconds before a request counts as timed out (default 30) */
  timeoutS?: number;
  /** Dynamic requests (autocannon `requests`): pick items, carry versions between calls. */
  requests?: autocannon.Request[];
  /** runs after each run (warm-up included), e.g. to re-read state that requests cut off at the end changed */
  afterRun?: () => Promise<void>;
};

export type LoadResult = {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** mean bytes per 2xx response (headers included, as autocannon counts them) */
  bytesPerReq: number;
  ok: number;
  non2xx: number;
  /** how many answers of each non-2xx status, e.g. { "409": 3 } */
  statuses: Record<string, number>;
  errors: number;
  /** 2xx latencies in ms, in arrival order (sequences such as a board load are summed from them) */
  latencies: number[];
};

/** The q-th percentile (0..100) of values, nearest-rank. */
export function percentile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((q / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** The middle value (mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * One autocannon run. Latency percentiles come from every 2xx response time autocannon reports
 * (its own summary has no p95), and req/s counts only 2xx: a server that answers errors fast
 * must not look fast.
 */
export async function load(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  let bytes = 0;
  let non2xx = 0;
  const statuses: Record<string, number> = {};
  const started = performance.now();
  // Without a callback autocannon returns its tracker, which is also a promise of the result.
  const inst = autocannon({
    url: spec.url + (spec.path ?? ''),
    method: spec.method ?? 'GET',
    headers: { ...(spec.body ? { 'content-type': 'application/json' } : {}), ...spec.headers },
    body: spec.body,
    connections: spec.connections,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.durationS }),
    requests: spec.requests,
    timeout: spec.timeoutS ?? 30,
  }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
  inst.on('response', (_client, status, resBytes, ms) => {
    if (status >= 200 && status < 300) {
      latencies.push(ms);
      bytes += resBytes;
    } else {
      non2xx++;
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  });
  const result = await inst;
  const seconds = result.duration || (performance.now() - started) / 1000;
  return {
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    bytesPerReq: latencies.length ? bytes / latencies.length : 0,
    ok: latencies.length,
    non2xx,
    statuses,
    errors: result.errors + result.timeouts,
    latencies,
  };
}

/**
 * Warm-up (discarded), then `rounds` measured runs; the figures are the medians over rounds so
 * one noisy round on a shared machine does not decide the result.
 */
export async function measure(spec: LoadSpec, rounds: number, warmupS: number): Promise<LoadResult & { rounds: LoadResult[] }> {
  if (warmupS > 0) {
    await load({ ...spec, durationS: warmupS, amount: spec.amount ? Math.max(spec.connections, Math.ceil(spec.amount / 5)) : undefined });
    await spec.afterRun?.();
  }
  const runs: LoadResult[] = [];
  for (let i = 0; i < rounds; i++) {
    runs.push(await load(spec));
    await spec.afterRun?.();
  }
  const med = (f: (r: LoadResult) => number) => median(runs.map(f));
  return {
    rps: med((r) => r.rps),
    p50: med((r) => r.p50),
    p95: med((r) => r.p95),
    p99: med((r) => r.p99),
    bytesPerReq: med((r) => r.bytesPerReq),
    ok: runs.reduce((s, r) => s + r.ok, 0),
    non2xx: runs.reduce((s, r) => s + r.non2xx, 0),
    statuses: runs.reduce<Record<string, number>>((acc, r) => {
      for (const [k, v] of Object.entries(r.statuses)) acc[k] = (acc[k] ?? 0) + v;
      return acc;
    }, {}),
    errors: runs.reduce((s, r) => s + r.errors, 0),
    latencies: runs.flatMap((r) => r.latencies),
    rounds: runs.map(({ latencies: _l, ...r }) => ({ ...r, latencies: [] })),
  };
}
