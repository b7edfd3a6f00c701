import type { StatusesTable } from '@weft/db';
import { UpdateStatusInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { authorize } from '../../policies/policy';
import { spacePolicy } from '../../policies/space.policy';
import { spaceAccess } from '../../queries/access';
import { statusNotFound } from '../../queries/spaces';
import { withTx } from '../../tx';
import { completedAtFor } from '../items/completion';

/**
 * Renames, recolours or recategorises a status. Recategorising rewrites the denormalised
 * category (and completedAt) of the items in it, so filters and flow metrics stay true.
 */
export async function updateStatus(ctx: Ctx, spaceId: string, statusId: string, raw: z.input<typeof UpdateStatusInput>) {
  const input = UpdateStatusInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { space, m, subject } = await spaceAccess(tx.db, ctx.actor, spaceId);
    authorize(spacePolicy, 'space.manageWorkflow', m, subject, { canRead: true, notFound: 'SPACE_NOT_FOUND' });
    const status = await tx.db.selectFrom('statuses').selectAll().where('id', '=', statusId).where('space_id', '=', spaceId).executeTakeFirst();
    if (!status) statusNotFound();
    const set: Partial<StatusesTable> = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const k of ['name', 'category', 'color'] as const) {
      if (input[k] === undefined || input[k] === status[k]) continue;
      (set as Record<string, unknown>)[k] = input[k];
      changes[k] = { from: status[k], to: input[k] };
    }
    if (Object.keys(set).length === 0) return status;
    const updated = await tx.db.updateTable('statuses').set(set).where('id', '=', statusId).returningAll().executeTakeFirstOrThrow();
    let itemsRecategorized = 0;
    if (set.category) {
      // Only the crossing into or out of `done` changes completedAt; the rule is completedAtFor's.
      const crosses = (status.category === 'done') !== (set.category === 'done');
      const res = await tx.db
        .updateTable('items')
        .set((eb) => ({
          status_category: set.category as string,
          ...(crosses ? { completed_at: completedAtFor(status.category, set.category as string, null, tx.now) } : {}),
          version: eb('version', '+', 1),
          updated_at: tx.now,
        }))
        .where('status_id', '=', statusId)
        .executeTakeFirst();
      itemsRecategorized = Number(res.numUpdatedRows);
    }
    await appendEvent(tx, { type: 'status.updated', workspaceId: space.workspace_id, spaceId, data: { statusId, changes, itemsRecategorized } });
    return updated;
  });
}
