import type { LightMyRequestResponse } from 'fastify';
import type { Digester } from './digest';
import { describeRequest, type FuzzRequest, wire } from './request-arb';
import type { World } from './world';

export type Stats = {
  requests: number;
  byClass: Record<string, number>;
  byCode: Record<string, number>;
  /** successes per route: a route that never succeeds is only being fuzzed at its front door */
  okByRoute: Record<string, number>;
  ms: number;
};
export const newStats = (): Stats => ({ requests: 0, byClass: {}, byCode: {}, okByRoute: {}, ms: 0 });

const PROBLEM_CODE = /^[A-Z][A-Z0-9_]*$/;
const bump = (o: Record<string, number>, k: string) => {
  o[k] = (o[k] ?? 0) + 1;
};

/** Why an answer breaks the API's error contract, or null. */
export function problemFault(res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `server error ${res.statusCode}`;
  if (res.statusCode < 400) return null;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) return `${res.statusCode} is not application/problem+json (${type || 'no content type'})`;
  let body: { code?: unknown; status?: unknown };
  try {
    body = JSON.parse(res.body);
  } catch {
    return `${res.statusCode} problem body is not JSON`;
  }
  if (typeof body.code !== 'string' || !PROBLEM_CODE.test(body.code)) return `${res.statusCode} problem has no code`;
  if (body.status !== res.statusCode) return `problem status ${String(body.status)} differs from HTTP ${res.statusCode}`;
  return null;
}

function codeOf(res: LightMyRequestResponse): string {
  try {
    return String((JSON.parse(res.body) as { code?: string }).code);
  } catch {
    return '?';
  }
}

/**
 * Sends one fuzzed request as the owner and checks the invariants: never a 5xx; every 4xx a
 * problem document with a code; and a refused request (4xx, or a 5xx) wrote nothing: the digest
 * is unchanged. After a write that succeeded, the world repairs whatever it removed.
 */
export async function sendChecked(world: World, digest: Digester, req: FuzzRequest, stats: Stats): Promise<LightMyRequestResponse> {
  const w = await wire(req, world);
  const before = await digest.current();
  const started = performance.now();
  const res = await world.t.app.inject({ method: w.method as 'GET', url: w.url, headers: w.headers, ...(w.payload === undefined ? {} : { payload: w.payload }) });
  stats.ms += performance.now() - started;
  stats.requests += 1;
  bump(stats.byClass, `${Math.floor(res.statusCode / 100)}xx`);
  const faults: string[] = [];
  const fault = problemFault(res);
  if (fault) faults.push(fault);
  if (res.statusCode >= 400) {
    bump(stats.byCode, `${res.statusCode} ${codeOf(res)}`);
    const after = await digest.fresh();
    if (after !== before) faults.push(`answered ${res.statusCode} ${codeOf(res)} but the database changed (a partial write)`);
  } else {
    bump(stats.okByRoute, req.op.route);
    digest.invalidate();
  }
  if (faults.length) throw new Error(`${faults.join('; ')}\n  ${describeRequest(req, w)}\n  → ${res.statusCode} ${res.body.slice(0, 500)}`);
  if (res.statusCode < 400 && req.op.method !== 'GET') await world.repair();
  return res;
}
