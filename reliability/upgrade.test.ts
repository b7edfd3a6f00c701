import { type Dialect, migrateToLatest, testDialects, type WeftDb } from '@weft/db';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../apps/server/src/app';
import { argon2Hasher } from '../apps/server/src/auth/password';
import { manualClock } from '../apps/server/src/clock';
import { loadConfig } from '../apps/server/src/config';
import { createDeps } from '../apps/server/src/deps';
import { dumpTables, emptyDb, FIRST_SCHEMA, type Fixture, loadFixture, migrateToFirstSchema, readFixture, type Row } from './upgrade/fixture-db';

/**
 * Migrations and upgrades (issue 3): a database made by the first release (fixtures/core-1.0.json,
 * built through that release's API by upgrade/make-fixture.ts) is loaded at the first schema, then
 * migrated to the current one; every row is still there and the API reads back what 1.0 answered.
 * With one migration today the upgrade step applies nothing; each new migration is exercised here
 * on both dialects the day it lands.
 */
const fixture: Fixture = readFixture();

/** Response fields that are about the caller or the request, not the stored data. */
const VOLATILE = new Set(['abilities', 'requestId']);
function stripVolatile(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripVolatile);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => !VOLATILE.has(k)).map(([k, x]) => [k, stripVolatile(x)]));
  return v;
}

/** The same rows, order aside, projected on the fixture's columns (later migrations may add columns). */
function canonical(rows: Row[], columns: string[]): string[] {
  return rows.map((r) => JSON.stringify(columns.map((c) => r[c] ?? null))).sort();
}

describe.each(testDialects())('upgrading a 1.0 database on %s', (dialect: Dialect) => {
  let store: WeftDb;
  let app: FastifyInstance;
  let applied: string[];
  const clock = manualClock(fixture.now);

  beforeAll(async () => {
    store = await emptyDb(dialect);
    await migrateToFirstSchema(store.db, dialect);
    await loadFixture(store.db, fixture);
    applied = await migrateToLatest(store.db, dialect);
    const config = { ...loadConfig({ LOG_LEVEL: 'silent', WEFT_DATA_DIR: '/nonexistent-weft-test' }), webDist: null, authRateLimit: { max: 100_000, windowMs: 60_000 } };
    const deps = await createDeps(config, { store, clock, hasher: argon2Hasher({ memoryCost: 1024, timeCost: 1 }) });
    app = await buildApp(deps);
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('starts from the first released schema and migrates forward from it', async () => {
    expect(fixture.schema).toBe(FIRST_SCHEMA);
    const done = (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(store.db)).rows.map((r) => r.name);
    expect(done[0]).toBe(FIRST_SCHEMA);
    expect(done.slice(1)).toEqual(applied);
    console.log(`upgrade ${dialect}: ${FIRST_SCHEMA} → ${done.at(-1)}; applied [${applied.join(', ')}]; ${Object.values(fixture.tables).reduce((n, r) => n + r.length, 0)} rows, ${fixture.api.length} API answers`);
  });

  it('keeps every fixture row, value for value, in every table', async () => {
    const now = await dumpTables(store.db);
    for (const [table, rows] of Object.entries(fixture.tables)) {
      expect(rows.length, `fixture rows of ${table}`).toBeGreaterThan(0);
      const columns = Object.keys(rows[0]);
      expect({ table, rows: canonical(now[table], columns) }).toEqual({ table, rows: canonical(rows, columns) });
    }
  });

  it('answers every API read exactly as 1.0 did: items by id and key, lists, comments, activity, events, queries', async () => {
    let compared = 0;
    for (const call of fixture.api) {
      const res = await app.inject({ method: 'GET', url: call.url, headers: fixture.credentials[call.as] });
      const got = { as: call.as, url: call.url, status: res.statusCode };
      expect(got).toEqual({ as: call.as, url: call.url, status: call.status });
      // Subset match: a later release may add fields, never lose or change stored ones.
      expect(stripVolatile(res.json()), `${call.as} GET ${call.url}`).toMatchObject(stripVolatile(call.body) as object);
      compared += 1;
    }
    expect(compared).toBe(fixture.api.length);
    expect(fixture.api.filter((c) => /\/items\/[A-Z]+-\d+$/.test(c.url)).length).toBeGreaterThanOrEqual(9);
  });

  it('still logs everyone in with their 1.0 password, and 1.0 sessions and tokens still work', async () => {
    for (const u of fixture.tables.users) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: u.email, password: fixture.password } });
      expect({ email: u.email, status: res.statusCode }).toEqual({ email: u.email, status: 200 });
    }
    for (const [as, headers] of Object.entries(fixture.credentials)) {
      expect({ as, status: (await app.inject({ method: 'GET', url: '/api/v1/me', headers })).statusCode }).toEqual({ as, status: 200 });
    }
    const revoked = fixture.tables.api_tokens.filter((r) => r.revoked_at !== null);
    expect(revoked).toHaveLength(1);
  });

  it('takes new writes on the upgraded data: versions continue, the event log goes on without a gap', async () => {
    const owner = fixture.credentials.owner;
    const item = (await app.inject({ method: 'GET', url: '/api/v1/items/OPS-1', headers: owner })).json();
    const maxBefore = Math.max(...fixture.tables.events.map((e) => Number(e.id)));
    const up = await app.inject({ method: 'PATCH', url: `/api/v1/items/${item.id}`, headers: owner, payload: { version: item.version, title: `${item.title} (after upgrade)` } });
    expect(up.statusCode).toBe(200);
    expect(up.json().version).toBe(item.version + 1);
    const stale = await app.inject({ method: 'PATCH', url: `/api/v1/items/${item.id}`, headers: owner, payload: { version: item.version, title: 'stale' } });
    expect(stale.statusCode).toBe(409);
    const c = await app.inject({ method: 'POST', url: `/api/v1/items/${item.id}/comments`, headers: owner, payload: { body: 'Written after the upgrade' } });
    expect(c.statusCode).toBe(201);
    const wsId = String(fixture.tables.workspaces[0].id);
    const feed = (await app.inject({ method: 'GET', url: `/api/v1/workspaces/${wsId}/events?since=${maxBefore}`, headers: owner })).json();
    expect(feed.data.map((e: { seq: number }) => e.seq)).toEqual([maxBefore + 1, maxBefore + 2]);
    const created = await app.inject({ method: 'POST', url: `/api/v1/spaces/${item.spaceId}/items`, headers: owner, payload: { title: 'New after upgrade' } });
    // Numbering continues after the highest number ever used in the space (OPS-7 moved away, so 8).
    const seq = Number(fixture.tables.spaces.find((s) => s.id === item.spaceId)?.item_seq);
    expect(seq).toBe(7);
    expect(created.json().key).toBe(`OPS-${seq + 1}`);
    const found = (await app.inject({ method: 'GET', url: `/api/v1/workspaces/${wsId}/items?q=${encodeURIComponent('after upgrade')}`, headers: owner })).json();
    expect(found.data.map((i: { title: string }) => i.title).sort()).toEqual([`${item.title} (after upgrade)`, 'New after upgrade']);
  });
});
