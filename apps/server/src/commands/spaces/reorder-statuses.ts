import { ReorderStatusesInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { authorize } from '../../policies/policy';
import { spacePolicy } from '../../policies/space.policy';
import { spaceAccess } from '../../queries/access';
import { withTx } from '../../tx';
import { renumberStatuses } from './create-status';
import { invalid } from './space-checks';

/** Sets the whole order of a space's statuses; `order` must name each status exactly once. */
export async function reorderStatuses(ctx: Ctx, spaceId: string, raw: z.input<typeof ReorderStatusesInput>) {
  const input = ReorderStatusesInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { space, m, subject } = await spaceAccess(tx.db, ctx.actor, spaceId);
    authorize(spacePolicy, 'space.manageWorkflow', m, subject, { canRead: true, notFound: 'SPACE_NOT_FOUND' });
    const statuses = await tx.db.selectFrom('statuses').selectAll().where('space_id', '=', spaceId).execute();
    const byId = new Map(statuses.map((s) => [s.id, s]));
    const unique = new Set(input.order);
    if (unique.size !== input.order.length || unique.size !== statuses.length || input.order.some((id) => !byId.has(id))) {
      invalid([{ path: 'body.order', message: `must list each of this space's ${statuses.length} statuses exactly once` }]);
    }
    const ordered = input.order.map((id) => byId.get(id) as (typeof statuses)[number]);
    await renumberStatuses(tx, ordered);
    await appendEvent(tx, { type: 'status.reordered', workspaceId: space.workspace_id, spaceId, data: { order: input.order } });
    return ordered.map((s, i) => ({ ...s, position: i }));
  });
}
