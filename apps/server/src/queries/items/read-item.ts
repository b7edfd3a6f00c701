import { changeMark, type Database, markIsOlder, param, preparedQuery, type SpacesTable } from '@weft/db';
import type { Item } from '@weft/domain';
import { WeftError } from '@weft/domain';
import { type Kysely, sql } from 'kysely';
import { markOf } from '../../auth/access-cache';
import type { Actor, Db } from '../../context';
import { canReadSpace } from '../../policies/space.policy';
import { addProgress, type DetailColumns, detailColumns, detailsOf, type ItemDetails } from '../../presenters/item-details';
import { presentItemWithDetails } from '../../presenters/item';
import { membershipOf, spaceSubject } from '../access';
import { candidateIds, SPACE_COLS } from './load-item';
import { ITEM_COLS, type ItemRow } from './item-rows';

/**
 * GET /items/:id (by id or key) in ONE statement: the item row, its home space and every detail
 * the response needs (assignees, labels, fields, homes, links), compiled once (`preparedQuery`).
 * Same rules as `loadItemAccess` + `presentOneItem` (which commands keep using): missing, in a
 * workspace the actor is not in, or in a space they cannot read answers 404 alike; membership and
 * space access come from the access cache at the epoch the request read.
 *
 * Why one statement: on SQLite each statement outside a transaction opens its own read
 * transaction (~6 µs of locking syscalls here) and an item lookup by its text id walks two
 * b-trees; the former item + details pair did both twice.
 */
export async function readItem(db: Db, actor: Actor, idOrKey: string): Promise<Item> {
  for (const id of await candidateIds(db, actor, idOrKey)) {
    const [row] = await itemReadQuery(db, [id]);
    if (!row) continue;
    const item = {} as Record<string, unknown>;
    const space = {} as Record<string, unknown>;
    for (const k of ITEM_KEYS) item[k] = row[k];
    for (const k of SPACE_COLS) space[k] = row[`s_${k}`];
    const m = await membershipOf(db, actor, item.workspace_id as string).catch(() => null);
    if (!m) continue;
    const subject = await spaceSubject(db, m, space as SpacesTable);
    if (!canReadSpace(m, subject)) continue;
    const details = new Map<string, ItemDetails>([[id, detailsOf(row as DetailColumns)]]);
    if (Number(row.has_children)) await addProgress(db, details, [id]);
    return presentItemWithDetails(db, m, item as ItemRow, details.get(id) as ItemDetails);
  }
  throw new WeftError('ITEM_NOT_FOUND', 'item not found');
}

/**
 * GET /items/:id's answer as JSON text, served from a cache while the database is unchanged.
 *
 * Why: the one-statement read above is ~40% of a read's server time; the same item read again and
 * again (a team looking at the same work, a panel re-opened, an integration polling) needs none of
 * it while nothing was written. An answer is a function of the database and of who asks (user, and
 * whether their token is read-only: abilities, and the other homes and links they may see), so the
 * entry is keyed by both and stamped with the database's change mark, taken before the read: the
 * one the auth hook took for this request (SQLite: `changeMark`; PostgreSQL: `pgChangeMark`, the
 * snapshot read with the access epoch), so a hit answers the database as it was at that moment,
 * within the request, never older than a write the caller saw acknowledged. Any committed write
 * anywhere (this process or another one sharing the database) moves the mark and every entry stops
 * counting; an entry is only served under the very mark it was read at, so it never answers what
 * the database no longer says. The actor's access is still re-checked on each request by the auth
 * hook (access epoch), and a revoked token or removed member is a write that moves the mark too.
 * No mark (a transaction holding the connection): no cache, the plain read.
 * Bounded by bytes; only successful reads are kept.
 *
 * Two steps, so the route answers a hit without a promise: `cachedItemJson` (synchronous; undefined
 * on a miss, or skipped for a request's `Cache-Control: no-cache`), then `readItemJson`, which
 * reads from the tables and keeps what it read.
 */
export async function readItemJson(db: Db, actor: Actor, idOrKey: string): Promise<string> {
  const mark = requestMark(db, actor);
  if (mark === null) return JSON.stringify(await readItem(db, actor, idOrKey));
  const cache = itemCacheOf(db);
  cache.misses += 1;
  const json = JSON.stringify(await readItem(db, actor, idOrKey));
  if (cache.mark !== mark) {
    // A newer mark empties the cache; an older one (a change happened while this read ran) stores nothing.
    if (cache.mark !== null && markIsOlder(mark, cache.mark)) return json;
    cache.entries.clear();
    cache.bytes = 0;
    cache.mark = mark;
  }
  if (cache.bytes + json.length > ITEM_CACHE_BYTES) {
    cache.entries.clear();
    cache.bytes = 0;
  }
  cache.entries.set(cacheKey(actor, idOrKey), json);
  cache.bytes += json.length;
  return json;
}

/** The kept answer, synchronously, or undefined (then `readItemJson` reads it). */
export function cachedItemJson(db: Db, actor: Actor, idOrKey: string): string | undefined {
  const mark = requestMark(db, actor);
  if (mark === null) return undefined;
  const cache = itemCacheOf(db);
  if (cache.mark !== mark) return undefined;
  const hit = cache.entries.get(cacheKey(actor, idOrKey));
  if (hit !== undefined) cache.hits += 1;
  return hit;
}

/** The mark the auth hook took for this request (saves asking again), else a fresh one; none inside a transaction. */
const requestMark = (db: Db, actor: Actor): string | null => (db.isTransaction ? null : (markOf(actor) ?? changeMark(db)));
const cacheKey = (actor: Actor, idOrKey: string) => `${actor.userId}\u0000${actor.readOnly ? 1 : 0}\u0000${idOrKey}`;

/** 8 million characters of answers (8 MB for ASCII text): ~6,500 answers of a typical 1.2 KB. */
const ITEM_CACHE_BYTES = 8_000_000;
type ItemCache = { mark: string | null; entries: Map<string, string>; bytes: number; hits: number; misses: number };
const itemCaches = new WeakMap<Kysely<Database>, ItemCache>();

function itemCacheOf(db: Kysely<Database>): ItemCache {
  let c = itemCaches.get(db);
  if (!c) {
    c = { mark: null, entries: new Map(), bytes: 0, hits: 0, misses: 0 };
    itemCaches.set(db, c);
  }
  return c;
}

/** How often the answer cache answered (tests, probes). */
export function readCacheStats(db: Kysely<Database>): { hits: number; misses: number; entries: number } {
  const c = itemCacheOf(db);
  return { hits: c.hits, misses: c.misses, entries: c.entries.size };
}

const ITEM_KEYS = ITEM_COLS.map((c) => c.slice('items.'.length) as keyof ItemRow);

/** [itemId] → the item's columns, its space's as `s_<column>`, and `detailColumns`. */
const itemReadQuery = preparedQuery<Record<string, unknown>>(
  (db) => sql`select ${sql.join(ITEM_KEYS.map((c) => sql.ref(`i.${c}`)))},
      ${sql.join(SPACE_COLS.map((c) => sql`s.${sql.ref(c)} as ${sql.ref(`s_${c}`)}`))},
      ${detailColumns(db)}
    from items i inner join spaces s on s.id = i.space_id
    where i.id = ${param(0)}`,
);
