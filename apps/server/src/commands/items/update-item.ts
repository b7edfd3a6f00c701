import { UpdateItemInput, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { itemPolicy } from '../../policies/item.policy';
import { authorize } from '../../policies/policy';
import { type ItemDetails, loadItemDetails, presentOneItem } from '../../presenters/item';
import { loadItemAccess } from '../../queries/items/load-item';
import { withTx } from '../../tx';
import { requireVersion, versionConflict } from '../versioned';
import { type Changes, relationChanges, rowChanges } from './item-changes';
import { nextHomes, writeHomes } from './item-homes';
import { checkItemRefs } from './item-refs';
import { positionAtEnd } from './positions';
import { reindexItem } from './search-index';
import { writeFieldValues } from './validate-fields';

const sameList = (a: readonly string[], b: readonly string[]) => a.join('\u0000') === b.join('\u0000');

/**
 * Applies a partial update from the version the caller saw. Only real differences are written and
 * reported, as `item.updated` with `data.changes = { field: { from, to } }`.
 */
export async function updateItem(ctx: Ctx, idOrKey: string, raw: z.input<typeof UpdateItemInput>) {
  const input = UpdateItemInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { item, space, m, subject } = await loadItemAccess(tx.db, ctx.actor, idOrKey);
    authorize(itemPolicy, 'item.update', m, subject, { canRead: true, notFound: 'ITEM_NOT_FOUND' });
    const version = requireVersion(input.version);
    if (Number(item.version) !== version) versionConflict(await presentOneItem(tx.db, m, item));
    if (item.deleted_at) throw new WeftError('UNPROCESSABLE', 'this item is in the trash; restore it first');

    const refs = await checkItemRefs(tx.db, space, m, input, item.id);
    const before = (await loadItemDetails(tx.db, [item.id])).get(item.id) as ItemDetails;
    const { set, changes } = rowChanges(item, input, refs.status, tx.now);
    const rel = relationChanges(before, input, refs.fields);
    Object.assign(changes, rel.changes);
    let homes: string[] | null = null;
    if (input.alsoInSpaceIds) {
      homes = await nextHomes(tx.db, m, item, before.alsoInSpaceIds, input.alsoInSpaceIds);
      if (sameList(homes, before.alsoInSpaceIds)) homes = null;
      else changes.alsoInSpaceIds = { from: before.alsoInSpaceIds, to: homes };
    }
    if (Object.keys(changes).length === 0) return { item, m };

    // A new status puts the item at the end of that column, as a board drop without neighbours would.
    if (set.status_id) set.position = await positionAtEnd(tx, set.status_id, item.id);
    const updated = await tx.db
      .updateTable('items')
      .set({ ...set, updated_at: tx.now, version: version + 1 })
      .where('id', '=', item.id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) versionConflict(await presentOneItem(tx.db, m, await tx.db.selectFrom('items').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow()));

    await writeRelations(tx, item.id, input, changes);
    await writeFieldValues(tx, item.id, rel.fields);
    if (homes) await writeHomes(tx, item.id, before.alsoInSpaceIds, homes);
    await appendEvent(tx, { type: 'item.updated', workspaceId: item.workspace_id, spaceId: item.space_id, itemId: item.id, data: { key: item.key, changes, version: version + 1, position: updated.position } });
    if (changes.title || changes.description) await reindexItem(tx, item.id);
    return { item: updated, m };
  });
}

async function writeRelations(tx: Parameters<typeof reindexItem>[0], itemId: string, input: UpdateItemInput, changes: Changes): Promise<void> {
  if (changes.assigneeIds) {
    await tx.db.deleteFrom('item_assignees').where('item_id', '=', itemId).execute();
    const ids = [...new Set(input.assigneeIds)];
    if (ids.length) await tx.db.insertInto('item_assignees').values(ids.map((user_id) => ({ item_id: itemId, user_id }))).execute();
  }
  if (changes.labelIds) {
    await tx.db.deleteFrom('item_labels').where('item_id', '=', itemId).execute();
    const ids = [...new Set(input.labelIds)];
    if (ids.length) await tx.db.insertInto('item_labels').values(ids.map((label_id) => ({ item_id: itemId, label_id }))).execute();
  }
}
