import { WeftError } from '@weft/domain';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { itemPolicy } from '../../policies/item.policy';
import { authorize } from '../../policies/policy';
import { presentOneItem } from '../../presenters/item';
import { loadItemAccess } from '../../queries/items/load-item';
import { type Tx, withTx } from '../../tx';
import { versionConflict } from '../versioned';

/**
 * Moves an item to the trash (soft delete) or back. Its subitems stay where they are and keep
 * their parent; its number stays taken. A version, when sent (If-Match), must be current.
 */
export async function setTrashedTx(tx: Tx, ctx: Ctx, idOrKey: string, trashed: boolean, version: number | undefined) {
  {
    const { item, m, subject } = await loadItemAccess(tx.db, ctx.actor, idOrKey);
    authorize(itemPolicy, 'item.delete', m, subject, { canRead: true, notFound: 'ITEM_NOT_FOUND' });
    if (version !== undefined && Number(item.version) !== version) versionConflict(await presentOneItem(tx.db, m, item));
    if ((item.deleted_at !== null) === trashed) throw new WeftError('UNPROCESSABLE', trashed ? 'this item is already in the trash' : 'this item is not in the trash');
    const updated = await tx.db
      .updateTable('items')
      .set({ deleted_at: trashed ? tx.now : null, updated_at: tx.now, version: Number(item.version) + 1 })
      .where('id', '=', item.id)
      .where('version', '=', item.version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) versionConflict(await presentOneItem(tx.db, m, await tx.db.selectFrom('items').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow()));
    await appendEvent(tx, { type: trashed ? 'item.deleted' : 'item.restored', workspaceId: item.workspace_id, spaceId: item.space_id, itemId: item.id, data: { key: item.key, title: item.title, version: Number(updated.version) } });
    return { item: updated, m };
  }
}

const setTrashed = (ctx: Ctx, idOrKey: string, trashed: boolean, version: number | undefined) =>
  withTx(ctx.deps, ctx.actor.userId, (tx) => setTrashedTx(tx, ctx, idOrKey, trashed, version));

export const deleteItem = (ctx: Ctx, idOrKey: string, version?: number) => setTrashed(ctx, idOrKey, true, version);
export const restoreItem = (ctx: Ctx, idOrKey: string, version?: number) => setTrashed(ctx, idOrKey, false, version);
