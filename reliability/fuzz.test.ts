import { testDialects } from '@weft/db';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../apps/server/src/test/harness';
import { type Digester, digester } from './fuzz/digest';
import { loadOperations, type Operation } from './fuzz/openapi';
import { queryLanguageArb, requestArb } from './fuzz/request-arb';
import { newStats, sendChecked, type Stats } from './fuzz/run';
import { World } from './fuzz/world';

/**
 * Property-based fuzzing of every route in the OpenAPI document (issue 3, "Fuzzing"), as the owner
 * of a workspace holding one of everything. Bodies come from each route's JSON schema, valid or
 * with one thing broken (wrong type, missing or extra field, boundary sizes, odd unicode, 1,000-deep
 * JSON, 100,000-element arrays); path ids are real, of the wrong kind, or garbage; query strings and
 * query-language strings are malformed on purpose. Invariants: never a 5xx; every 4xx a problem
 * document with a code; a request answered 4xx leaves the database digest unchanged.
 *
 * FUZZ_RUNS sets the number of requests per dialect (default 1,500 on SQLite, 1,000 on PostgreSQL);
 * FUZZ_SEED replays a run; fast-check prints the seed and the failing request.
 */

const DEFAULT_RUNS = { sqlite: 1500, postgres: 1000 } as const;
const QL_SHARE = 0.12;

// The route list decides the tests; it is the same on both dialects, so read it once up front.
const listing = await testApp('sqlite');
const OPS: Operation[] = await loadOperations(listing);
await listing.close();

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

describe.each(testDialects())('fuzzing every route on %s', (dialect) => {
  const total = Number(process.env.FUZZ_RUNS) || DEFAULT_RUNS[dialect];
  const qlRuns = Math.ceil(total * QL_SHARE);
  const perRoute = Math.max(3, Math.ceil((total - qlRuns) / OPS.length));
  let t: TestApp;
  let world: World;
  let digest: Digester;
  const stats: Stats = newStats();
  const started = performance.now();

  beforeAll(async () => {
    t = await testApp(dialect);
    world = await World.build(t);
    digest = digester(t);
  });
  afterAll(async () => {
    const codes = Object.entries(stats.byCode).sort((a, b) => b[1] - a[1]);
    console.log(
      `fuzz ${dialect}: ${stats.requests} requests in ${((performance.now() - started) / 1000).toFixed(1)} s ` +
        `(${(stats.ms / 1000).toFixed(1)} s answering); ${JSON.stringify(stats.byClass)}\n  refusals: ${codes.map(([k, n]) => `${k} ×${n}`).join(', ')}` +
        `\n  routes never answered 2xx: ${OPS.map((o) => o.route).filter((r) => !stats.okByRoute[r]).join(', ') || 'none'}`,
    );
    await t?.close();
  });

  const run = (arb: fc.Arbitrary<import('./fuzz/request-arb').FuzzRequest>, numRuns: number) =>
    fc.assert(
      fc.asyncProperty(arb, async (req) => {
        await sendChecked(world, digest, req, stats);
      }),
      { numRuns, ...(seed === undefined ? {} : { seed }), endOnFailure: process.env.FUZZ_SHRINK === '0' },
    );

  it.each(OPS.map((op) => [op.route, op] as const))('%s', async (_route, op) => {
    await run(requestArb(op), perRoute);
  }, 600_000);

  it('malformed query-language strings (?q= and saved view queries)', async () => {
    const list = OPS.find((o) => o.route === 'GET /api/v1/workspaces/:id/items');
    const save = OPS.find((o) => o.route === 'POST /api/v1/workspaces/:id/views');
    if (!list || !save) throw new Error('the item query or view routes are gone');
    await run(queryLanguageArb(list, save), qlRuns);
  }, 600_000);

  it(`sent at least ${total} requests`, () => {
    expect(stats.requests).toBeGreaterThanOrEqual(total);
  });
});
