import { dialectOf, jsonArrayAgg, jsonValue } from '@weft/db';
import { Id, PRIORITIES } from '@weft/domain';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Ctx } from '../../context';
import { priorityName } from '../../presenters/item';
import { readableSpaceIds, spaceAccess } from '../access';
import { comparePositions } from './item-rows';

/** What a board card needs; the full item is one GET /items/:id away. */
export const BoardCard = z.object({
  id: Id,
  key: z.string(),
  title: z.string(),
  type: z.string(),
  statusId: Id,
  position: z.string(),
  priority: z.enum(PRIORITIES),
  assigneeIds: z.array(Id),
  labelIds: z.array(Id),
  dueAt: z.string().nullable(),
  /** the space the item lives in: another one for items also shown here (multi-homed) */
  spaceId: Id,
  version: z.number().int(),
});
export const BoardColumn = z.object({ id: Id, name: z.string(), category: z.string(), position: z.number().int() });
export const Board = z.object({
  spaceId: Id,
  statuses: z.array(BoardColumn),
  /** in board order: status position, then item position, then id (as GET /spaces/:id/items) */
  items: z.array(BoardCard),
  /** true when the space holds more than BOARD_LIMIT live items; page GET /spaces/:id/items then */
  truncated: z.boolean(),
});
export type Board = z.infer<typeof Board>;

export const BOARD_LIMIT = 10_000;

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
};

/**
 * A whole board in one request: the space's live items (and those multi-homed into it whose home
 * space the caller can read, as in the list) as compact cards. One query for the cards, assignee
 * and label ids aggregated per item; its cost follows the space (index items_board on space_id,
 * status_id, position), not the workspace.
 */
export async function loadBoard(ctx: Ctx, spaceId: string): Promise<Board> {
  const db = ctx.deps.store.db;
  const { m } = await spaceAccess(db, ctx.actor, spaceId);
  const dialect = dialectOf(db);
  const [statuses, homedFrom] = await Promise.all([
    db.selectFrom('statuses').select(['id', 'name', 'category', 'position']).where('space_id', '=', spaceId).orderBy('position').orderBy('id').execute(),
    db.selectFrom('item_homes').select('item_id').where('space_id', '=', spaceId).limit(1).execute(),
  ]);
  // Items homed in from other spaces are rare; only then is the readable-space list needed.
  const readable = homedFrom.length > 0 ? await readableSpaceIds(db, m) : [];
  const assignees = jsonArrayAgg(dialect, sql`a.user_id`, sql`a.user_id`);
  const labels = jsonArrayAgg(dialect, sql`il.label_id`, sql`lb.name`);
  const homed =
    readable.length > 0
      ? sql`union all select h.item_id from item_homes h inner join items hi on hi.id = h.item_id where h.space_id = ${spaceId} and hi.space_id in (${sql.join(readable)})`
      : sql``;
  const { rows } = await sql<CardRow>`select i.id, i.key, i.title, i.type, i.status_id, i.position, i.priority, i.due_at, i.space_id, i.version,
      (select ${assignees} from item_assignees a where a.item_id = i.id) as assignees,
      (select ${labels} from item_labels il inner join labels lb on lb.id = il.label_id where il.item_id = i.id) as labels
    from items i
    where ${readable.length > 0 ? sql`i.id in (select own.id from items own where own.space_id = ${spaceId} ${homed})` : sql`i.space_id = ${spaceId}`}
      and i.deleted_at is null
    limit ${BOARD_LIMIT + 1}`.execute(db);
  const truncated = rows.length > BOARD_LIMIT;
  const statusRank = new Map(statuses.map((s) => [s.id, Number(s.position)]));
  // Homed items sit in their own space's statuses: rank those by their status position too.
  const foreign = rows.filter((r) => !statusRank.has(r.status_id)).map((r) => r.status_id);
  if (foreign.length > 0) {
    for (const s of await db.selectFrom('statuses').select(['id', 'position']).where('id', 'in', [...new Set(foreign)]).execute()) statusRank.set(s.id, Number(s.position));
  }
  const cards = rows.slice(0, BOARD_LIMIT).sort((a, b) => (statusRank.get(a.status_id) ?? 0) - (statusRank.get(b.status_id) ?? 0) || comparePositions(a.position, b.position) || comparePositions(a.id, b.id));
  return {
    spaceId,
    statuses: statuses.map((s) => ({ id: s.id, name: s.name, category: s.category, position: Number(s.position) })),
    items: cards.map((r) => ({
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
    })),
    truncated,
  };
}
