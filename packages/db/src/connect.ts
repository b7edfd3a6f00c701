import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Dialect } from './dialect';
import type { Database } from './types';

/** A database handle with the dialect it speaks. */
export type WeftDb = { db: Kysely<Database>; dialect: Dialect; url: string; close(): Promise<void> };

// int8 (count(*), bigint ids) as numbers: ids stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, Number);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number);

export type ConnectOptions = { url: string; poolSize?: number; sqliteSynchronous?: 'FULL' | 'NORMAL' };

const sqliteHandles = new WeakMap<Kysely<Database>, SqliteDatabase.Database>();
const pgPools = new WeakMap<Kysely<Database>, pg.Pool>();

/**
 * The pg pool behind a Kysely instance made by `connect` (never for a transaction object, nor for
 * SQLite): for `preparedQuery`'s named-statement path only.
 */
export function pgPoolOf(db: Kysely<Database>): pg.Pool | undefined {
  return pgPools.get(db);
}

/**
 * The better-sqlite3 connection behind a Kysely instance made by `connect` (never for a
 * transaction object, nor for PostgreSQL): for `preparedQuery`'s synchronous read path only.
 */
export function sqliteHandleOf(db: Kysely<Database>): SqliteDatabase.Database | undefined {
  return sqliteHandles.get(db);
}

const markStatements = new WeakMap<SqliteDatabase.Database, { changes: SqliteDatabase.Statement; version: SqliteDatabase.Statement }>();

/**
 * A value that changes whenever the database may have changed, cheap enough to ask on every
 * request (two prepared statements, ~1 µs), for caches of what was read from it
 * (queries/items/read-item.ts): equal marks mean no row was written in between, by this process or
 * any other. Two SQLite counters:
 * - `total_changes()`: rows inserted, updated or deleted on this connection (which every command
 *   of this process uses), trigger writes included; it moves when the statement runs, so an
 *   uncommitted change already counts (and a later rollback leaves it moved: a spurious change,
 *   never a missed one). It reads no table, so it costs ~70 ns;
 * - `PRAGMA data_version`: moves when another connection (another process, the CLI) commits
 *   (~0.9 µs: it checks the WAL's shared index, as any read does).
 * Both only grow. Null on PostgreSQL, where the same question costs a round trip (its mark comes
 * with the access-epoch read instead: `pgChangeMark`), and while a transaction holds the
 * connection (another process's commit is only seen once it ends): then no cache may be used.
 *
 * A reader must take the mark BEFORE it reads what it caches: a change in between then leaves the
 * stored mark older than the current one, and the entry is never served.
 */
export function changeMark(db: Kysely<Database>): string | null {
  const raw = sqliteHandles.get(db);
  if (!raw?.open || raw.inTransaction) return null;
  let s = markStatements.get(raw);
  if (!s) {
    s = { changes: raw.prepare('select total_changes()').pluck(), version: raw.prepare('pragma data_version').pluck() };
    markStatements.set(raw, s);
  }
  return `${s.changes.get() as number}:${s.version.get() as number}`;
}

/**
 * PostgreSQL's change mark, from `pg_current_snapshot()` (PostgreSQL 13+) read in a statement that
 * is sent anyway (the access-epoch read, apps/server/src/auth/access-cache.ts), so it costs no
 * round trip of its own. A snapshot is `xmin:xmax:in-progress ids`; any commit of a transaction
 * that wrote (had a transaction id) either moves `xmax` or leaves the in-progress list, and neither
 * goes back, so an equal snapshot means nothing was committed in between. (Writes to other
 * databases of the same cluster move it too: a spurious change, never a missed one.) The data a
 * mark vouches for must be read after the mark, by statements whose own snapshots are newer.
 */
export function pgChangeMark(snapshot: string): string {
  return `pg:${snapshot}`;
}

/** Is mark `a` from before mark `b`? (Both from `changeMark` or both from `pgChangeMark`.) */
export function markIsOlder(a: string, b: string): boolean {
  if (a.startsWith('pg:') || b.startsWith('pg:')) {
    // xmax only grows: a smaller one is older; with equal xmax neither is known to be older.
    return Number(a.split(':')[2]) < Number(b.split(':')[2]);
  }
  const [ac, av] = a.split(':').map(Number);
  const [bc, bv] = b.split(':').map(Number);
  return ac < bc || av < bv;
}

/** Default database URL: an SQLite file in the data folder. */
export function defaultDatabaseUrl(dataDir: string): string {
  return `sqlite:${resolve(dataDir, 'weft.db')}`;
}

/** Opens SQLite (`sqlite:<path>` or `sqlite::memory:`) or PostgreSQL (`postgres://…`). */
export function connect(opts: ConnectOptions): WeftDb {
  const { url } = opts;
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
    // An idle client that loses its server (restart, failover, a dropped test database) emits
    // 'error' on the pool; unhandled, that would crash the process. The pool already discards the
    // client and the next query opens a new connection.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    pgPools.set(db, pool);
    return { db, dialect: 'postgres', url, close: () => db.destroy() };
  }
  if (!url.startsWith('sqlite:')) throw new Error(`unsupported DATABASE_URL: ${url.split(':')[0]}: use sqlite:<path> or postgres://`);
  const path = url.slice('sqlite:'.length);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const raw = new SqliteDatabase(path);
  raw.pragma('journal_mode = WAL');
  // FULL: every commit is fsynced before it is acknowledged, so no acknowledged write is lost,
  // even to a power cut. NORMAL (opt-in) is still safe against a process crash in WAL mode.
  raw.pragma(`synchronous = ${opts.sqliteSynchronous ?? 'FULL'}`);
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  // Planner statistics: without them SQLite guessed wrong plans at 300k items (a custom-field query
  // took 6 s instead of 0.1 s). `optimize` analyses only tables that changed a lot since their last
  // analysis (about 10x more rows), at open and hourly, as SQLite recommends for long-lived
  // connections. No analysis_limit: a sampled analysis reads only the first rows of each index, and
  // for a leading column with few values (workspace_id) it estimated ~1,000 items per workspace at
  // 1M items in one, which sent a custom-field query to 50 s. A full analysis of 1M items takes
  // ~2–4 s, once per tenfold growth.
  raw.pragma('analysis_limit = 0');
  raw.pragma('optimize = 0x10002');
  if (path !== ':memory:') setInterval(() => raw.open && raw.pragma('optimize'), 3_600_000).unref();
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  sqliteHandles.set(db, raw);
  return { db, dialect: 'sqlite', url, close: () => db.destroy() };
}

/**
 * Kysely's SqliteDriver prepares every query anew; caching prepared statements by SQL text gave
 * +35–110% read throughput in the stack trial. Safe: Kysely serialises access to the one connection.
 */
function withStatementCache(raw: SqliteDatabase.Database, max = 500): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = raw.prepare.bind(raw);
  return new Proxy(raw, {
    get(target, prop, receiver) {
      if (prop === 'prepare') {
        return (source: string) => {
          let stmt = cache.get(source);
          if (stmt) {
            cache.delete(source);
            cache.set(source, stmt);
            return stmt;
          }
          stmt = prepare(source);
          cache.set(source, stmt);
          if (cache.size > max) cache.delete(cache.keys().next().value as string);
          return stmt;
        };
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
