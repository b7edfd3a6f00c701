import type { Ctx } from '../context';
import { itemPolicy } from '../policies/item.policy';
import { authorize } from '../policies/policy';
import { presentComment } from '../presenters/comment';
import { decodeCursor, encodeCursor } from './cursor';
import { loadItemAccess } from './items/load-item';

/** An item's live comments, oldest first (ids are UUIDv7, so id order is posting order). */
export async function listComments(ctx: Ctx, itemIdOrKey: string, page: { cursor?: string; limit: number }) {
  const db = ctx.deps.store.db;
  const { item, m, subject } = await loadItemAccess(db, ctx.actor, itemIdOrKey);
  authorize(itemPolicy, 'item.read', m, subject, { canRead: true, notFound: 'ITEM_NOT_FOUND' });
  let q = db.selectFrom('comments').selectAll().where('item_id', '=', item.id).where('deleted_at', 'is', null);
  if (page.cursor) q = q.where('id', '>', decodeCursor<[string]>(page.cursor, ['string'])[0]);
  const rows = await q.orderBy('id').limit(page.limit + 1).execute();
  const more = rows.length > page.limit;
  const data = rows.slice(0, page.limit);
  return {
    data: data.map((c) => presentComment(c, m, subject)),
    nextCursor: more ? encodeCursor([data[data.length - 1].id]) : null,
  };
}
