import { dialectOf, jsonArrayAgg, jsonTuple, jsonValue } from '@weft/db';
import { sql } from 'kysely';
import type { Db, Membership } from '../../context';
import { priorityName } from '../../presenters/item';
import { readableSpaceIds } from '../access';
import { comparePositions } from './item-rows';

/**
 * The boards people have open, kept serialized in memory and brought up to date from the event log.
 *
 * Why: a 5,000-card board costs ~50 ms to load and serialize, and the same board is read again and
 * again (every member who opens it, every reload). Here each card is kept as its JSON text; a read
 * asks the event log (index events_workspace) for what happened in the workspace since the cached
 * sequence number, re-reads only the items those events name, and joins the card texts.
 *
 * Why it is exact, in one process or many sharing the database:
 * - every change goes through a command that appends an event in the same transaction, and event
 *   ids are taken under the event-log lock until commit, so ids are in commit order: a reader that
 *   saw event N has seen every event before N;
 * - the head sequence number is read BEFORE the cards it covers, so a card is never older than
 *   the sequence number stored with it; anything committed later arrives as a newer event and is
 *   re-read (re-reading is idempotent);
 * - an event that names an item re-reads that item (moved, retitled, trashed, moved away,
 *   homed in or out); an event in the workspace that names no item (workflow, labels, members,
 *   spaces...) drops the whole entry, which is then rebuilt from the database.
 * Who may see a card is decided per request, never cached: the caller's space access is checked by
 * the route, and cards homed in from other spaces are filtered by the caller's readable spaces.
 */

type Card = { id: string; statusId: string; position: string; spaceId: string; json: string };
type Entry = {
  spaceId: string;
  workspaceId: string;
  /** the last event id of the workspace this entry reflects */
  seq: number;
  statusesJson: string;
  statusRank: Map<string, number>;
  cards: Map<string, Card>;
  /** the cards in board order; kept in order card by card as changes arrive */
  sorted: Card[] | null;
  /** the whole answer, while no card is homed in from elsewhere (then it is the same for everyone) */
  text: string | null;
};

type CardRow = {
  id: string;
  key: string;
  title: string;
  type: string;
  status_id: string;
  position: string;
  priority: number;
  due_at: string | null;
  space_id: string;
  version: number;
  assignees: unknown;
  labels: unknown;
  /** [field id, option id] pairs of the item's single-select fields */
  selects: unknown;
};

/** Cards kept across all cached boards of one database (~400 bytes each); older boards are evicted first. */
const MAX_CARDS = 60_000;
/** More events than this since the cached sequence: rebuilding is cheaper than replaying. */
const MAX_REPLAY = 500;

const caches = new WeakMap<object, Map<string, Entry>>();

function cacheOf(db: Db): Map<string, Entry> {
  let c = caches.get(db);
  if (!c) {
    c = new Map();
    caches.set(db, c);
  }
  return c;
}

/** Evicts least recently used boards (Map order: a read re-inserts its entry) beyond MAX_CARDS. */
function store(cache: Map<string, Entry>, e: Entry): void {
  cache.delete(e.spaceId);
  cache.set(e.spaceId, e);
  let total = 0;
  for (const x of cache.values()) total += x.cards.size;
  for (const [k, x] of cache) {
    if (total <= MAX_CARDS || k === e.spaceId) break;
    total -= x.cards.size;
    cache.delete(k);
  }
}

const cardSelect = (db: Db) => {
  const dialect = dialectOf(db);
  const assignees = jsonArrayAgg(dialect, sql`a.user_id`, sql`a.user_id`);
  const labels = jsonArrayAgg(dialect, sql`il.label_id`, sql`lb.name`);
  // Select values change only through item commands (an event naming the item) or with the field
  // itself (field.updated/deleted name no item: the entry is rebuilt), so cached cards stay exact.
  const selects = jsonArrayAgg(dialect, jsonTuple(dialect, [sql`fv.field_id`, sql`fv.text_value`]), sql`fv.field_id`);
  return sql`select i.id, i.key, i.title, i.type, i.status_id, i.position, i.priority, i.due_at, i.space_id, i.version,
      (select ${assignees} from item_assignees a where a.item_id = i.id) as assignees,
      (select ${labels} from item_labels il inner join labels lb on lb.id = il.label_id where il.item_id = i.id) as labels,
      (select ${selects} from item_field_values fv inner join fields f on f.id = fv.field_id where fv.item_id = i.id and f.type = 'select') as selects
    from items i`;
};

function toCard(r: CardRow): Card {
  // Key order is the Board schema's (BoardCard): clients and the docs see the same shape as before.
  const json = JSON.stringify({
    id: r.id,
    key: r.key,
    title: r.title,
    type: r.type,
    statusId: r.status_id,
    position: r.position,
    priority: priorityName(Number(r.priority)),
    assigneeIds: jsonValue<string[]>(r.assignees),
    labelIds: jsonValue<string[]>(r.labels),
    dueAt: r.due_at,
    spaceId: r.space_id,
    version: Number(r.version),
    fields: Object.fromEntries(jsonValue<Array<[string, string]>>(r.selects)),
  });
  return { id: r.id, statusId: r.status_id, position: r.position, spaceId: r.space_id, json };
}

async function headSeq(db: Db, workspaceId: string): Promise<number> {
  const row = await db.selectFrom('events').select((eb) => eb.fn.max('id').as('max')).where('workspace_id', '=', workspaceId).executeTakeFirst();
  return Number(row?.max ?? 0);
}

/** Ranks of the statuses the cards sit in: the space's own, and those of homed items' spaces. */
async function rankStatuses(db: Db, e: Entry): Promise<void> {
  const missing = new Set<string>();
  for (const c of e.cards.values()) if (!e.statusRank.has(c.statusId)) missing.add(c.statusId);
  if (missing.size === 0) return;
  for (const s of await db.selectFrom('statuses').select(['id', 'position']).where('id', 'in', [...missing]).execute()) e.statusRank.set(s.id, Number(s.position));
}

/** Builds an entry from the database; `truncated` when the space holds more than `limit` live items. */
async function build(db: Db, spaceId: string, workspaceId: string, limit: number): Promise<{ e: Entry; truncated: boolean }> {
  const seq = await headSeq(db, workspaceId);
  const [statuses, homedFrom] = await Promise.all([
    db.selectFrom('statuses').select(['id', 'name', 'category', 'position']).where('space_id', '=', spaceId).orderBy('position').orderBy('id').execute(),
    db.selectFrom('item_homes').select('item_id').where('space_id', '=', spaceId).limit(1).execute(),
  ]);
  const where =
    homedFrom.length > 0
      ? sql`i.id in (select own.id from items own where own.space_id = ${spaceId} union all select h.item_id from item_homes h where h.space_id = ${spaceId})`
      : sql`i.space_id = ${spaceId}`;
  const { rows } = await sql<CardRow>`${cardSelect(db)} where ${where} and i.deleted_at is null limit ${limit + 1}`.execute(db);
  const truncated = rows.length > limit;
  const e: Entry = {
    spaceId,
    workspaceId,
    seq,
    statusesJson: JSON.stringify(statuses.map((s) => ({ id: s.id, name: s.name, category: s.category, position: Number(s.position) }))),
    statusRank: new Map(statuses.map((s) => [s.id, Number(s.position)])),
    cards: new Map(rows.slice(0, limit).map((r) => [r.id, toCard(r)])),
    sorted: null,
    text: null,
  };
  await rankStatuses(db, e);
  return { e, truncated };
}

/** Applies the workspace's events after `e.seq`; false when the entry must be rebuilt instead. */
async function catchUp(db: Db, e: Entry, limit: number): Promise<boolean> {
  const events = await db
    .selectFrom('events')
    .select(['id', 'item_id'])
    .where('workspace_id', '=', e.workspaceId)
    .where('id', '>', e.seq)
    .orderBy('id')
    .limit(MAX_REPLAY + 1)
    .execute();
  if (events.length === 0) return true;
  if (events.length > MAX_REPLAY) return false;
  const ids = new Set<string>();
  for (const ev of events) {
    if (ev.item_id === null) return false;
    ids.add(ev.item_id);
  }
  const list = [...ids];
  const { rows } = await sql<CardRow>`${cardSelect(db)}
    where i.id in (${sql.join(list)}) and i.deleted_at is null
      and (i.space_id = ${e.spaceId} or exists (select 1 from item_homes h where h.item_id = i.id and h.space_id = ${e.spaceId}))`.execute(db);
  for (const id of list) e.cards.delete(id);
  const fresh = rows.map(toCard);
  for (const c of fresh) e.cards.set(c.id, c);
  if (e.cards.size > limit) return false;
  e.seq = Number(events[events.length - 1].id);
  e.text = null;
  await rankStatuses(db, e);
  if (e.sorted) {
    // A few cards changed: take them out and put them back in place (no re-sort of thousands).
    const changed = new Set(list);
    const sorted = e.sorted.filter((c) => !changed.has(c.id));
    const order = boardOrder(e.statusRank);
    for (const c of fresh) {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (order(sorted[mid], c) < 0) lo = mid + 1;
        else hi = mid;
      }
      sorted.splice(lo, 0, c);
    }
    e.sorted = sorted;
  }
  return true;
}

/** Board order, as GET /spaces/:id/items: status position, then item position, then id. */
const boardOrder =
  (rank: Map<string, number>) =>
  (a: Card, b: Card): number =>
    (rank.get(a.statusId) ?? 0) - (rank.get(b.statusId) ?? 0) || comparePositions(a.position, b.position) || comparePositions(a.id, b.id);

/**
 * The board of a space as JSON text (the Board schema). A space with more than `limit` live items
 * is answered with its first `limit` and `truncated: true`, and not kept (its list is paged).
 * The caller has already checked that `m` may read the space.
 */
export async function boardJson(db: Db, m: Membership, spaceId: string, workspaceId: string, limit: number): Promise<string> {
  const cache = cacheOf(db);
  let e = cache.get(spaceId);
  let truncated = false;
  if (e && !(await catchUp(db, e, limit))) e = undefined;
  if (!e) {
    const built = await build(db, spaceId, workspaceId, limit);
    e = built.e;
    truncated = built.truncated;
  }
  if (truncated) cache.delete(spaceId);
  else store(cache, e);
  if (e.text !== null) return e.text;
  if (!e.sorted) e.sorted = [...e.cards.values()].sort(boardOrder(e.statusRank));
  let cards = e.sorted;
  const homed = cards.some((c) => c.spaceId !== spaceId);
  if (homed) {
    // Cards homed in from other spaces are shown only to those who may read their home space.
    const readable = new Set(await readableSpaceIds(db, m));
    cards = cards.filter((c) => c.spaceId === spaceId || readable.has(c.spaceId));
  }
  const text = `{"spaceId":${JSON.stringify(spaceId)},"statuses":${e.statusesJson},"items":[${cards.map((c) => c.json).join(',')}],"truncated":${truncated}}`;
  if (!homed && !truncated) e.text = text;
  return text;
}
