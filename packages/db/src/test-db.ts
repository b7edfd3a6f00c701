import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect, type WeftDb } from './connect';
import type { Dialect } from './dialect';
import { migrateToLatest } from './migrate';

/** The PostgreSQL server tests use; each test database is created on it and dropped after. */
export const TEST_PG_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The dialects tests run on: both by default, or the one named in TEST_DIALECTS. */
export function testDialects(): Dialect[] {
  const env = process.env.TEST_DIALECTS;
  if (!env) return ['sqlite', 'postgres'];
  return env.split(',').map((d) => d.trim()) as Dialect[];
}

/** A fresh, migrated database of the given dialect; `close()` drops it. */
export async function createTestDb(dialect: Dialect): Promise<WeftDb> {
  if (dialect === 'sqlite') {
    const w = connect({ url: 'sqlite::memory:' });
    await migrateToLatest(w.db, 'sqlite');
    return w;
  }
  const name = `weft_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  const w = connect({ url: url.toString(), poolSize: 5 });
  await migrateToLatest(w.db, 'postgres');
  return {
    ...w,
    async close() {
      await w.close();
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
