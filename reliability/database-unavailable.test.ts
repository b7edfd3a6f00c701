import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_PG_URL, testDialects } from '@weft/db';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../apps/server/src/errors';
import { buildUser, call, type TestApp, testApp, type TestUser } from '../apps/server/src/test/harness';

// The PostgreSQL parts are skipped (not absent) when TEST_DIALECTS leaves PostgreSQL out.
const noPg = !testDialects().includes('postgres');

/** The error a promise rejects with (or a sync function throws). */
async function errorOf(f: () => unknown): Promise<unknown> {
  try {
    await f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('errors that mean "the database is out of reach", made by the real drivers', () => {
  it.skipIf(noPg)('PostgreSQL: a refused connection and a connection the server terminates', async () => {
    const refused = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:1/postgres' });
    expect(isDatabaseUnavailable(await errorOf(() => refused.connect()))).toBe(true);
    const doomed = new pg.Client({ connectionString: TEST_PG_URL });
    doomed.on('error', () => {});
    await doomed.connect();
    expect(isDatabaseUnavailable(await errorOf(() => doomed.query('select pg_terminate_backend(pg_backend_pid())')))).toBe(true);
    await doomed.end().catch(() => {});
  });

  it('SQLite: a database another connection holds locked past the busy timeout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weft-busy-'));
    const a = new Database(join(dir, 'x.db'));
    const b = new Database(join(dir, 'x.db'), { timeout: 0 });
    try {
      a.exec('create table t (x int)');
      a.exec('begin exclusive');
      let err: unknown;
      try {
        b.exec('insert into t values (1)');
      } catch (e) {
        err = e;
      }
      expect(isDatabaseUnavailable(err)).toBe(true);
      a.exec('rollback');
    } finally {
      a.close();
      b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(noPg)('not for errors of the request or of the code', async () => {
    const c = new pg.Client({ connectionString: TEST_PG_URL });
    await c.connect();
    try {
      expect(isDatabaseUnavailable(await errorOf(() => c.query('select * from no_such_table')))).toBe(false);
      expect(isDatabaseUnavailable(await errorOf(() => c.query("select 'x'::int")))).toBe(false);
    } finally {
      await c.end();
    }
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
  });
});

describe.skipIf(noPg)('a PostgreSQL that stops taking connections', () => {
  let t: TestApp;
  let ana: TestUser;
  let name: string;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: TEST_PG_URL });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    t = await testApp('postgres');
    ana = await buildUser(t);
    name = new URL(t.deps.store.url).pathname.slice(1);
  });
  afterAll(async () => {
    await admin(`alter database ${name} allow_connections true`);
    await t.close();
  });

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After, never a 500, and recovers by itself when it is back', async () => {
    expect((await call(t, ana, 'GET', '/api/v1/me')).statusCode).toBe(200);
    await admin(`alter database ${name} allow_connections false`);
    await admin(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`);
    for (const [method, url, body] of [
      ['GET', '/api/v1/me', undefined],
      ['POST', '/api/v1/workspaces', { name: 'During the outage' }],
    ] as const) {
      const res = await call(t, ana, method, url, body);
      expect(res.statusCode, res.body).toBe(503);
      expect(res.json()).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
      expect(res.headers['retry-after']).toBe('5');
    }
    await admin(`alter database ${name} allow_connections true`);
    expect((await call(t, ana, 'GET', '/api/v1/me')).statusCode).toBe(200);
    const ws = await call(t, ana, 'GET', '/api/v1/workspaces');
    expect(ws.json().data.map((w: { name: string }) => w.name)).not.toContain('During the outage');
  });
});
