import { DeleteStatusInput, WeftError } from '@weft/domain';
import { generateNKeysBetween } from 'fractional-indexing';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { authorize } from '../../policies/policy';
import { spacePolicy } from '../../policies/space.policy';
import { spaceAccess } from '../../queries/access';
import { statusNotFound } from '../../queries/spaces';
import { withTx } from '../../tx';
import { completedAtFor } from '../items/completion';
import { positionAtEnd } from '../items/positions';
import { renumberStatuses } from './create-status';
import { invalid } from './space-checks';

/**
 * Removes a status. Its items (trashed ones too) move to `moveItemsTo`, keeping their relative
 * order at the end of that status; a status with items and no target is refused, as is the last one.
 */
export async function deleteStatus(ctx: Ctx, spaceId: string, statusId: string, raw: z.input<typeof DeleteStatusInput>) {
  const input = DeleteStatusInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { space, m, subject } = await spaceAccess(tx.db, ctx.actor, spaceId);
    authorize(spacePolicy, 'space.manageWorkflow', m, subject, { canRead: true, notFound: 'SPACE_NOT_FOUND' });
    const statuses = await tx.db.selectFrom('statuses').selectAll().where('space_id', '=', spaceId).orderBy('position').orderBy('id').execute();
    const status = statuses.find((s) => s.id === statusId);
    if (!status) statusNotFound();
    if (statuses.length === 1) throw new WeftError('LAST_STATUS', 'a workflow needs at least one status');
    const items = await tx.db.selectFrom('items').select(['id', 'completed_at']).where('status_id', '=', statusId).orderBy('position').orderBy('id').execute();
    const target = input.moveItemsTo ? statuses.find((s) => s.id === input.moveItemsTo) : undefined;
    if (input.moveItemsTo && (!target || target.id === statusId)) invalid([{ path: 'querystring.moveItemsTo', message: 'must be another status of this space' }]);
    if (items.length > 0) {
      if (!target) throw new WeftError('STATUS_IN_USE', `${items.length} items have this status; say where they go with ?moveItemsTo=<statusId>`);
      const start = await positionAtEnd(tx, target.id);
      const keys = generateNKeysBetween(start, null, items.length);
      for (const [i, it] of items.entries()) {
        await tx.db
          .updateTable('items')
          .set((eb) => ({
            status_id: target.id,
            status_category: target.category,
            completed_at: completedAtFor(status.category, target.category, it.completed_at, tx.now),
            position: keys[i],
            version: eb('version', '+', 1),
            updated_at: tx.now,
          }))
          .where('id', '=', it.id)
          .execute();
      }
    }
    await tx.db.deleteFrom('statuses').where('id', '=', statusId).execute();
    await renumberStatuses(tx, statuses.filter((s) => s.id !== statusId));
    await appendEvent(tx, {
      type: 'status.deleted',
      workspaceId: space.workspace_id,
      spaceId,
      data: { statusId, name: status.name, moveItemsTo: target?.id ?? null, movedItemIds: items.map((i) => i.id) },
    });
  });
}
