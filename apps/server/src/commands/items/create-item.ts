import { newId } from '@weft/db';
import { CreateItemInput, PRIORITY_RANK, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { itemPolicy } from '../../policies/item.policy';
import { authorize } from '../../policies/policy';
import { spaceAccess } from '../../queries/access';
import type { ItemRow } from '../../queries/items/item-rows';
import { withTx } from '../../tx';
import { completedAtFor } from './completion';
import { checkItemRefs, normalizeDate } from './item-refs';
import { positionAtEnd } from './positions';
import { reindexItem } from './search-index';
import { writeFieldValues } from './validate-fields';

/**
 * Creates an item in a space. Its number comes from the space's counter, bumped in the same
 * transaction, so numbers are never handed out twice nor reused after a delete.
 */
export async function createItem(ctx: Ctx, spaceId: string, raw: z.input<typeof CreateItemInput>) {
  const input = CreateItemInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { space, m, subject } = await spaceAccess(tx.db, ctx.actor, spaceId);
    authorize(itemPolicy, 'item.create', m, { space: subject, createdBy: m.userId, assigneeIds: [] }, { canRead: true, notFound: 'SPACE_NOT_FOUND' });
    if (space.archived_at) throw new WeftError('UNPROCESSABLE', 'this space is archived; unarchive it to add items');
    const refs = await checkItemRefs(tx.db, space, m, input);
    const status =
      refs.status ??
      (await tx.db
        .selectFrom('statuses')
        .selectAll()
        .where('space_id', '=', spaceId)
        .orderBy((eb) => eb.case().when('category', '=', 'todo').then(0).else(1).end())
        .orderBy('position')
        .orderBy('id')
        .executeTakeFirst());
    if (!status) throw new WeftError('UNPROCESSABLE', 'this space has no statuses');
    const seq = await tx.db
      .updateTable('spaces')
      .set((eb) => ({ item_seq: eb('item_seq', '+', 1) }))
      .where('id', '=', spaceId)
      .returning('item_seq')
      .executeTakeFirstOrThrow();
    const number = Number(seq.item_seq);
    const item: ItemRow = {
      id: newId(),
      workspace_id: space.workspace_id,
      space_id: spaceId,
      number,
      key: `${space.key}-${number}`,
      type: input.type,
      title: input.title,
      description: input.description,
      status_id: status.id,
      status_category: status.category,
      priority: PRIORITY_RANK[input.priority],
      owner_id: input.ownerId ?? null,
      parent_id: input.parentId ?? null,
      start_at: normalizeDate(input.startAt) ?? null,
      due_at: normalizeDate(input.dueAt) ?? null,
      estimate: input.estimate ?? null,
      position: await positionAtEnd(tx, status.id),
      created_by: m.userId,
      created_at: tx.now,
      updated_at: tx.now,
      completed_at: completedAtFor(null, status.category, null, tx.now),
      deleted_at: null,
      version: 1,
    };
    await tx.db.insertInto('items').values(item).execute();
    const assigneeIds = [...new Set(input.assigneeIds)];
    if (assigneeIds.length) await tx.db.insertInto('item_assignees').values(assigneeIds.map((user_id) => ({ item_id: item.id, user_id }))).execute();
    const labelIds = [...new Set(input.labelIds)];
    if (labelIds.length) await tx.db.insertInto('item_labels').values(labelIds.map((label_id) => ({ item_id: item.id, label_id }))).execute();
    await writeFieldValues(tx, item.id, refs.fields);
    await appendEvent(tx, {
      type: 'item.created',
      workspaceId: item.workspace_id,
      spaceId,
      itemId: item.id,
      data: { key: item.key, title: item.title, type: item.type, statusId: item.status_id, priority: input.priority, assigneeIds, parentId: item.parent_id },
    });
    await reindexItem(tx, item.id);
    return { item, m };
  });
}
