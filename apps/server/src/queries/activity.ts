import type { Ctx } from '../context';
import { itemPolicy } from '../policies/item.policy';
import { authorize } from '../policies/policy';
import { presentActivity } from '../presenters/event';
import { decodeCursor, encodeCursor } from './cursor';
import { loadItemAccess } from './items/load-item';

/**
 * An item's history straight from the event log, in the order it happened (the log's sequence).
 * Reading the item is enough: its history travels with it, including from spaces it moved out of.
 */
export async function listItemActivity(ctx: Ctx, itemIdOrKey: string, page: { cursor?: string; limit: number }) {
  const db = ctx.deps.store.db;
  const { item, m, subject } = await loadItemAccess(db, ctx.actor, itemIdOrKey);
  authorize(itemPolicy, 'item.read', m, subject, { canRead: true, notFound: 'ITEM_NOT_FOUND' });
  // `item.left` is the old space's copy of a move (for its readers' feeds); the history has the move itself.
  let q = db.selectFrom('events').selectAll().where('workspace_id', '=', item.workspace_id).where('item_id', '=', item.id).where('type', '!=', 'item.left');
  if (page.cursor) q = q.where('id', '>', decodeCursor<[number]>(page.cursor, ['number'])[0]);
  const rows = await q.orderBy('id').limit(page.limit + 1).execute();
  const more = rows.length > page.limit;
  const data = rows.slice(0, page.limit);
  return { data: data.map(presentActivity), nextCursor: more ? encodeCursor([Number(data[data.length - 1].id)]) : null };
}
