import { testDialects } from '@weft/db';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTHZ_CASES, type AuthzCase, caseName, type Expect, publicCases, type Req } from '../test/authz/index';
import { buildFullMatrix, FULL_ACTORS, type FullActor, type FullMatrix, fullActorOf } from '../test/factories';
import { call, type TestApp, testApp } from '../test/harness';

/**
 * The whole API against every kind of caller (issue 3, "Authorization matrix"). The cases live in
 * test/authz/, one table per area; the route table decides what must be covered, so a new route
 * without a case fails here, and so does a case whose route no longer exists.
 */

const REFUSED = new Set([401, 403, 404]);

/**
 * A cheap mark of what a write leaves behind: every command appends an event, and the account
 * writes that do not (tokens, profile) are counted on their own. Every successful write of the
 * matrix must move it (else the "refusals write nothing" check would be blind to that route).
 */
async function writeMark(t: TestApp): Promise<string> {
  const { rows } = await sql<Record<string, unknown>>`select
      (select count(*) from events) as events,
      (select max(id) from events) as last_event,
      (select count(*) from api_tokens) as tokens,
      (select count(*) from api_tokens where revoked_at is not null) as revoked_tokens,
      (select sum(version) from users) as user_versions,
      (select count(*) from members) as members`.execute(t.deps.store.db);
  return JSON.stringify(Object.values(rows[0]).map(String));
}

/** Why a refusal is not the problem document it should be, or null when it is. */
function badRefusal(actor: FullActor, res: LightMyRequestResponse): string | null {
  const status = res.statusCode;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) return `${actor}: ${status} is not a problem document (${type})`;
  const { status: bodyStatus, code } = res.json() as { status: number; code: string };
  let want: string;
  if (status === 401) want = 'UNAUTHENTICATED';
  else if (status === 403) want = actor === 'readOnly' ? 'TOKEN_READ_ONLY' : 'FORBIDDEN';
  else want = '*_NOT_FOUND';
  // ROUTE_NOT_FOUND would mean the case addressed no route at all, not that the caller was refused.
  const ok = status === 404 ? /^([A-Z]+_)?NOT_FOUND$/.test(code) && code !== 'ROUTE_NOT_FOUND' : code === want;
  if (!ok || bodyStatus !== status) return `${actor}: ${status} ${code} (status ${bodyStatus}), expected ${want}`;
  return null;
}

/** Does a built request address the case's route (method and path shape)? */
function addresses(route: string, [method, url]: Req): boolean {
  const [m, pattern] = route.split(' ');
  const re = new RegExp(`^${pattern.replace(/:[A-Za-z]+/g, '[^/]+')}$`);
  return method === m && re.test(url.split('?')[0]);
}

/**
 * Sends the case's request as every actor. A request is built anew for each caller whose write
 * should succeed; reads and refused callers share one (a refusal writes nothing, checked here).
 */
async function runCase(t: TestApp, w: FullMatrix, c: AuthzCase) {
  const got = {} as Expect;
  const faults: string[] = [];
  const isRead = c.route.startsWith('GET ');
  let shared: Req | undefined;
  for (const actor of FULL_ACTORS) {
    const refusal = c.expect[actor] >= 400;
    let req: Req;
    if (isRead || refusal) {
      shared ??= await c.req(w, t, actor);
      req = shared;
    } else {
      req = await c.req(w, t, actor);
    }
    if (!addresses(c.route, req)) faults.push(`${actor}: ${req[0]} ${req[1]} is not ${c.route}`);
    const before = await writeMark(t);
    const res = await call(t, fullActorOf(w, actor), req[0], req[1], req[2]);
    got[actor] = res.statusCode;
    const wrote = (await writeMark(t)) !== before;
    if (!REFUSED.has(res.statusCode)) {
      if (!isRead && res.statusCode < 300 && !wrote) faults.push(`${actor}: ${res.statusCode} but the write mark did not move`);
      continue;
    }
    const bad = badRefusal(actor, res);
    if (bad) faults.push(bad);
    if (wrote) faults.push(`${actor}: refused with ${res.statusCode} but something was written`);
  }
  return { got, faults };
}

describe.each(testDialects())('authorization matrix of every API route on %s', (dialect) => {
  let t: TestApp;
  let w: FullMatrix;
  beforeAll(async () => {
    t = await testApp(dialect);
    w = await buildFullMatrix(t);
  });
  afterAll(async () => t.close());

  it('has a case for every route and a route for every case', () => {
    const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
    const user = new Set(t.app.routeTable.filter((r) => r.auth === 'user').map(key));
    const pub = new Set(t.app.routeTable.filter((r) => r.auth === 'public').map(key));
    const cased = new Set(AUTHZ_CASES.map((c) => c.route));
    const pubCased = new Set(publicCases.map((c) => c.route));
    expect({
      routesWithoutCase: [...user].filter((r) => !cased.has(r)).sort(),
      casesWithoutRoute: [...cased].filter((r) => !user.has(r)).sort(),
      publicRoutesWithoutCase: [...pub].filter((r) => !pubCased.has(r)).sort(),
      publicCasesWithoutPublicRoute: [...pubCased].filter((r) => !pub.has(r)).sort(),
    }).toEqual({ routesWithoutCase: [], casesWithoutRoute: [], publicRoutesWithoutCase: [], publicCasesWithoutPublicRoute: [] });
    const names = AUTHZ_CASES.map(caseName);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  for (const c of AUTHZ_CASES) {
    if (c.todo) {
      it.todo(`${caseName(c)}: ${c.todo}`);
      continue;
    }
    it(caseName(c), async () => {
      const { got, faults } = await runCase(t, w, c);
      expect({ got, faults }).toEqual({ got: c.expect, faults: [] });
    });
  }

  it('serves the public routes to anonymous callers', async () => {
    const got: Record<string, number> = {};
    for (const c of publicCases) {
      const [method, url, body] = await c.req(t);
      got[c.route] = (await call(t, null, method, url, body)).statusCode;
    }
    expect(got).toEqual(Object.fromEntries(publicCases.map((c) => [c.route, c.status])));
  });
});
