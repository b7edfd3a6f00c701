import type { StatusesTable } from '@weft/db';
import { MoveItemInput, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx, Membership } from '../../context';
import { appendEvent } from '../../events/append';
import { itemPolicy } from '../../policies/item.policy';
import { authorize } from '../../policies/policy';
import { presentOneItem } from '../../presenters/item';
import { spaceAccess } from '../../queries/access';
import type { ItemRow } from '../../queries/items/item-rows';
import { loadItemAccess } from '../../queries/items/load-item';
import { type Tx, withTx } from '../../tx';
import { invalid } from '../spaces/space-checks';
import { requireVersion, versionConflict } from '../versioned';
import type { Changes } from './item-changes';
import { completedAtFor } from './completion';
import { positionBetween } from './positions';

type Target = { status: StatusesTable; set: Partial<ItemRow>; changes: Changes };

/** The status a cross-space move lands in: the one asked for, else the first of the same category. */
async function targetStatus(tx: Tx, spaceId: string, statusId: string | undefined, category: string): Promise<StatusesTable> {
  const statuses = await tx.db.selectFrom('statuses').selectAll().where('space_id', '=', spaceId).orderBy('position').orderBy('id').execute();
  if (statusId) {
    const s = statuses.find((x) => x.id === statusId);
    if (!s) invalid([{ path: 'body.statusId', message: 'not a status of the target space' }]);
    return s;
  }
  const s = statuses.find((x) => x.category === category) ?? statuses[0];
  if (!s) throw new WeftError('UNPROCESSABLE', 'the target space has no statuses');
  return s;
}

/** Re-homes an item in another space of the workspace: new number and key, the old key kept. */
async function acrossSpaces(tx: Tx, ctx: Ctx, m: Membership, item: ItemRow, spaceId: string, statusId: string | undefined): Promise<Target> {
  const { space, subject } = await spaceAccess(tx.db, ctx.actor, spaceId);
  if (space.workspace_id !== item.workspace_id) invalid([{ path: 'body.spaceId', message: 'must be a space of the same workspace' }]);
  authorize(itemPolicy, 'item.create', m, { space: subject, createdBy: m.userId, assigneeIds: [] }, { canRead: true, notFound: 'SPACE_NOT_FOUND' });
  if (space.archived_at) throw new WeftError('UNPROCESSABLE', 'the target space is archived');
  const status = await targetStatus(tx, space.id, statusId, item.status_category);
  const seq = await tx.db
    .updateTable('spaces')
    .set((eb) => ({ item_seq: eb('item_seq', '+', 1) }))
    .where('id', '=', space.id)
    .returning('item_seq')
    .executeTakeFirstOrThrow();
  const key = `${space.key}-${Number(seq.item_seq)}`;
  await tx.db.insertInto('item_keys').values({ workspace_id: item.workspace_id, key: item.key.toUpperCase(), item_id: item.id }).execute();
  // Its home can no longer also be one of its other homes; fields of the old space no longer apply.
  await tx.db.deleteFrom('item_homes').where('item_id', '=', item.id).where('space_id', '=', space.id).execute();
  const oldFields = tx.db.selectFrom('fields').select('id').where('space_id', '=', item.space_id);
  await tx.db.deleteFrom('item_field_values').where('item_id', '=', item.id).where('field_id', 'in', oldFields).execute();
  return {
    status,
    set: { space_id: space.id, number: Number(seq.item_seq), key },
    changes: { spaceId: { from: item.space_id, to: space.id }, key: { from: item.key, to: key } },
  };
}

/**
 * Moves an item between two neighbours of a status (either may be absent), possibly into another
 * status or space. Within a space only the moved row is written: its new fractional position.
 */
export async function moveItem(ctx: Ctx, idOrKey: string, raw: z.input<typeof MoveItemInput>) {
  const input = MoveItemInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, (tx) => moveItemTx(tx, ctx, idOrKey, input));
}

/** The move inside a caller's transaction (bulk changes move many items in one). */
export async function moveItemTx(tx: Tx, ctx: Ctx, idOrKey: string, input: z.output<typeof MoveItemInput>) {
  {
    const { item, m, subject } = await loadItemAccess(tx.db, ctx.actor, idOrKey);
    authorize(itemPolicy, 'item.update', m, subject, { canRead: true, notFound: 'ITEM_NOT_FOUND' });
    const version = requireVersion(input.version);
    if (Number(item.version) !== version) versionConflict(await presentOneItem(tx.db, m, item));
    if (item.deleted_at) throw new WeftError('UNPROCESSABLE', 'this item is in the trash; restore it first');

    let target: Target;
    if (input.spaceId && input.spaceId !== item.space_id) {
      target = await acrossSpaces(tx, ctx, m, item, input.spaceId, input.statusId);
    } else {
      const statusId = input.statusId ?? item.status_id;
      const status = await tx.db.selectFrom('statuses').selectAll().where('id', '=', statusId).where('space_id', '=', item.space_id).executeTakeFirst();
      if (!status) invalid([{ path: 'body.statusId', message: 'not a status of this space' }]);
      target = { status, set: {}, changes: {} };
    }
    const { status, set, changes } = target;
    set.position = await positionBetween(tx, { statusId: status.id, afterId: input.afterId, beforeId: input.beforeId, selfId: item.id });
    if (status.id !== item.status_id) {
      Object.assign(set, { status_id: status.id, status_category: status.category, completed_at: completedAtFor(item.status_category, status.category, item.completed_at, tx.now) });
      changes.statusId = { from: item.status_id, to: status.id };
      if (status.category !== item.status_category) changes.statusCategory = { from: item.status_category, to: status.category };
    }
    changes.position = { from: item.position, to: set.position };
    const updated = await tx.db
      .updateTable('items')
      .set({ ...set, updated_at: tx.now, version: version + 1 })
      .where('id', '=', item.id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) versionConflict(await presentOneItem(tx.db, m, await tx.db.selectFrom('items').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow()));
    if (updated.space_id !== item.space_id) {
      // The space it left gets its own event: those who read only that space (never the new one)
      // learn the card is gone from their board and feed, without learning where it went.
      await appendEvent(tx, { type: 'item.left', workspaceId: item.workspace_id, spaceId: item.space_id, itemId: item.id, data: { key: item.key, version: version + 1 } });
    }
    await appendEvent(tx, { type: 'item.moved', workspaceId: item.workspace_id, spaceId: updated.space_id, itemId: item.id, data: { key: updated.key, fromSpaceId: item.space_id, changes, version: version + 1 } });
    return { item: updated, m };
  }
}
