// Databases at the first released schema, and the fixture format that fills them.
//
// The first released schema is the core migration as it landed; migrations are never edited once
// landed, so importing that one file gives the exact schema a 1.0 install has, however many
// migrations come after it.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, type Dialect, TEST_PG_URL, type WeftDb } from '@weft/db';
import { type Kysely, type Migration, Migrator } from 'kysely';
import pg from 'pg';
import { coreMigration } from '../../packages/db/src/migrations/20261126000000-core';

/** The name of the first released migration: fixtures are made at, and loaded into, this schema. */
export const FIRST_SCHEMA = '20261126000000-core';

/** Rows of the tables, in insertion (foreign-key) order, and how they are ordered when dumped. */
export const FIXTURE_TABLES: ReadonlyArray<{ table: string; order: string[]; columns?: string[] }> = [
  { table: 'users', order: ['id'] },
  { table: 'workspaces', order: ['id'] },
  { table: 'members', order: ['workspace_id', 'user_id'] },
  { table: 'invites', order: ['id'] },
  { table: 'teams', order: ['id'] },
  { table: 'team_members', order: ['team_id', 'user_id'] },
  { table: 'spaces', order: ['id'] },
  { table: 'space_members', order: ['space_id', 'user_id'] },
  { table: 'statuses', order: ['id'] },
  { table: 'item_types', order: ['workspace_id', 'key'] },
  { table: 'items', order: ['id'] },
  { table: 'item_keys', order: ['workspace_id', 'key'] },
  { table: 'item_assignees', order: ['item_id', 'user_id'] },
  { table: 'item_homes', order: ['item_id', 'space_id'] },
  { table: 'labels', order: ['id'] },
  { table: 'item_labels', order: ['item_id', 'label_id'] },
  { table: 'item_links', order: ['id'] },
  { table: 'fields', order: ['id'] },
  { table: 'item_field_values', order: ['item_id', 'field_id', 'ord'] },
  { table: 'comments', order: ['id'] },
  { table: 'views', order: ['id'] },
  { table: 'events', order: ['id'] },
  { table: 'sessions', order: ['id'] },
  { table: 'api_tokens', order: ['id'] },
  // Only the portable columns: SQLite adds a rowid for FTS5, PostgreSQL a generated tsvector.
  { table: 'item_search', order: ['item_id'], columns: ['item_id', 'workspace_id', 'content'] },
];

export type Row = Record<string, string | number | null>;
/** What the upgrade test replays against the upgraded server: the API as it answered at 1.0. */
export type RecordedCall = { as: string; url: string; status: number; body: unknown };
export type Fixture = {
  schema: string;
  description: string;
  /** The clock reading when the fixture was taken: sessions and tokens are valid then. */
  now: string;
  /** Fixture-only credentials (the database holds their hashes): cookie or bearer header per actor. */
  credentials: Record<string, Record<string, string>>;
  password: string;
  tables: Record<string, Row[]>;
  api: RecordedCall[];
};

export function readFixture(path = join(import.meta.dirname, 'fixtures', 'core-1.0.json')): Fixture {
  return JSON.parse(readFileSync(path, 'utf8')) as Fixture;
}

/** An empty database of the dialect (no schema at all); `close()` drops it. */
export async function emptyDb(dialect: Dialect): Promise<WeftDb> {
  if (dialect === 'sqlite') return connect({ url: 'sqlite::memory:' });
  const name = `weft_up_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  const w = connect({ url: url.toString(), poolSize: 5 });
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

/**
 * Brings an empty database to the first released schema and no further. It keeps Kysely's own
 * bookkeeping (kysely_migration), so a later `migrateToLatest` continues from here exactly as it
 * would on a real 1.0 install.
 */
export async function migrateToFirstSchema(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const migrations: Record<string, Migration> = { [FIRST_SCHEMA]: coreMigration(dialect) };
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateTo(FIRST_SCHEMA);
  if (error) throw new Error(`migrating to ${FIRST_SCHEMA} failed: ${String((error as Error).message ?? error)}`);
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (applied.join() !== FIRST_SCHEMA) throw new Error(`expected to apply only ${FIRST_SCHEMA}, applied [${applied.join(', ')}]`);
}

/** Inserts the fixture's rows, table by table, in foreign-key order. */
export async function loadFixture(db: Kysely<any>, fixture: Fixture): Promise<void> {
  for (const { table } of FIXTURE_TABLES) {
    const rows = fixture.tables[table] ?? [];
    for (let i = 0; i < rows.length; i += 200) await db.insertInto(table).values(rows.slice(i, i + 200)).execute();
  }
}

/** Every fixture table's rows, ordered by primary key (portable columns only for item_search). */
export async function dumpTables(db: Kysely<any>): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const { table, order, columns: cols } of FIXTURE_TABLES) {
    let q = db.selectFrom(table);
    q = cols ? q.select([...cols]) : q.selectAll();
    for (const c of order) q = q.orderBy(c);
    out[table] = (await q.execute()) as Row[];
  }
  return out;
}
