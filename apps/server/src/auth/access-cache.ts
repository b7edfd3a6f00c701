import { changeMark, type Database, dialectOf, pgChangeMark, preparedQuery } from '@weft/db';
import { type Kysely, sql } from 'kysely';
import type { Actor, Membership } from '../context';

/**
 * An in-process cache of who may see what (sessions, API tokens, memberships, space visibility and
 * space membership), so a read does not spend most of its time re-proving the caller's access.
 *
 * Correctness rests on the access epoch (table `access_epoch`, migration 20261127000500-perf):
 * database triggers bump it in the same transaction as any change to those rows (a removed member,
 * a revoked token, a deleted session, a space made private...), whatever code path makes it. Each
 * request reads the epoch once (one primary-key read) before it trusts the cache; an epoch newer
 * than the cache's clears the cache. So a change is seen by the very next request, in this process
 * and in every other server process sharing the database.
 *
 * Rules that keep it safe:
 * - the cache is filled only from reads outside transactions (committed data); a transaction's own
 *   uncommitted changes, possibly rolled back later, never reach it. Inside a transaction every
 *   lookup goes to the database.
 * - an entry is stored only when the reader's epoch is the cache's current one, so a slow reader
 *   that started before a change cannot store what it saw under the new epoch.
 * - sizes are bounded; unknown secrets are never cached (no one can fill memory by guessing).
 */
export type TokenEntry = { id: string; user_id: string; read_only: number; expires_at: string | null; revoked_at: string | null; last_used_at: string | null };
export type SessionEntry = { user_id: string; expires_at: string };
export type SpaceEntry = { workspace_id: string; visibility: string };

const MAX_ENTRIES = 50_000;

export class AccessCache {
  epoch = -1;
  /** The database's change mark when `epoch` was last read (SQLite only, see `readAccessState`). */
  mark: string | null = null;
  readonly tokens = new Map<string, TokenEntry>();
  readonly sessions = new Map<string, SessionEntry>();
  readonly roles = new Map<string, string | null>();
  readonly spaces = new Map<string, SpaceEntry | null>();
  readonly spaceMembers = new Map<string, boolean>();

  /** Moves to a newer epoch (dropping everything); false when `epoch` is not the current one. */
  sync(epoch: number): boolean {
    if (epoch > this.epoch) {
      for (const m of [this.tokens, this.sessions, this.roles, this.spaces, this.spaceMembers] as Map<string, unknown>[]) m.clear();
      this.epoch = epoch;
    }
    return epoch === this.epoch;
  }

  put<V>(map: Map<string, V>, epoch: number, key: string, value: V): void {
    if (epoch !== this.epoch) return;
    if (map.size >= MAX_ENTRIES) map.clear();
    map.set(key, value);
  }
}

const caches = new WeakMap<object, AccessCache>();
/**
 * The epoch each request read when it resolved its actor, and memberships derived from it; and the
 * change mark it saw. Symbol-keyed properties rather than a WeakMap: set on every request.
 */
const EPOCH = Symbol('access epoch');
const MARK = Symbol('change mark');
type Tagged = { [EPOCH]?: number; [MARK]?: string | null };

/** The epoch; on PostgreSQL with the change mark's snapshot, in the same round trip. */
const epochQuery = preparedQuery<{ value: number | string; snapshot?: string }>((db) =>
  dialectOf(db) === 'postgres' ? sql`select value, pg_current_snapshot()::text as snapshot from access_epoch where id = 1` : sql`select value from access_epoch where id = 1`,
);

/** The cache of one database (keyed by its Kysely instance), or null inside a transaction. */
export function accessCache(db: Kysely<Database>): AccessCache | null {
  if (db.isTransaction) return null;
  let c = caches.get(db);
  if (!c) {
    c = new AccessCache();
    caches.set(db, c);
  }
  return c;
}

/** Reads the current access epoch (committed, outside transactions) and syncs the cache to it. */
export async function readEpoch(db: Kysely<Database>, cache: AccessCache): Promise<number> {
  return (await readAccessState(db, cache)).epoch;
}

/**
 * The access epoch and the database's change mark read together. On SQLite (`changeMark`) an
 * unchanged mark means nothing was written since the epoch was last read, so the epoch is still
 * the one in memory and the read is skipped; the mark is taken before the epoch is read (both are
 * synchronous statements there), so a mark stored with an epoch never vouches for a later one. On
 * PostgreSQL the mark (`pgChangeMark`) comes from the epoch's own statement, read every time.
 * `taken`: a SQLite mark the caller has just taken (so it is not asked twice).
 */
export async function readAccessState(db: Kysely<Database>, cache: AccessCache, taken: string | null = changeMark(db)): Promise<{ epoch: number; mark: string | null }> {
  const sqliteMark = taken;
  if (sqliteMark !== null && sqliteMark === cache.mark) return { epoch: cache.epoch, mark: sqliteMark };
  const [row] = await epochQuery(db, []);
  const epoch = Number(row?.value ?? 0);
  cache.sync(epoch);
  if (sqliteMark !== null && epoch === cache.epoch) cache.mark = sqliteMark;
  return { epoch, mark: sqliteMark ?? (row?.snapshot ? pgChangeMark(row.snapshot) : null) };
}

/** Remembers the epoch a request (its actor or a membership derived from it) was checked at. */
export function tagEpoch(owner: Actor | Membership, epoch: number): void {
  (owner as Tagged)[EPOCH] = epoch;
}

/**
 * Remembers the change mark an actor's request saw when it was authenticated: a later read in the
 * same request may answer from a cache stamped with that mark (the database as it was at that
 * moment, which lies within the request). Null: no mark (inside a transaction).
 */
export function tagMark(actor: Actor, mark: string | null): void {
  (actor as Tagged)[MARK] = mark;
}

/** The mark tagged on this actor; undefined when none was (an actor not made by the auth hook). */
export function markOf(actor: Actor): string | null | undefined {
  return (actor as Tagged)[MARK];
}

/**
 * The epoch to judge cached entries by for this actor or membership: the one its request read
 * (no extra query), else a fresh read. Null when the cache must not be used (inside a transaction).
 */
export async function epochFor(db: Kysely<Database>, owner: Actor | Membership | null): Promise<{ cache: AccessCache; epoch: number } | null> {
  const cache = accessCache(db);
  if (!cache) return null;
  const known = owner ? (owner as Tagged)[EPOCH] : undefined;
  if (known !== undefined) {
    cache.sync(known);
    return { cache, epoch: known };
  }
  return { cache, epoch: await readEpoch(db, cache) };
}
