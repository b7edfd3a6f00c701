import { Id, PRIORITIES } from '@weft/domain';
import { z } from 'zod';
import type { Ctx } from '../../context';
import { spaceAccess } from '../access';
import { boardJson as cachedBoardJson } from './board-cache';

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
  /** the item's single-select custom field values (field id → option id), for columns by a field */
  fields: z.record(Id, z.string()),
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

/**
 * GET /spaces/:id/board as JSON text: the space's live items (and those multi-homed into it whose
 * home space the caller can read, as in the list) as compact cards, in board order. Served by the
 * board cache (queries/items/board-cache.ts), brought up to date from the event log on each read.
 */
export async function boardJson(ctx: Ctx, spaceId: string): Promise<string> {
  const db = ctx.deps.store.db;
  const { m, space } = await spaceAccess(db, ctx.actor, spaceId);
  return cachedBoardJson(db, m, spaceId, space.workspace_id, BOARD_LIMIT);
}
