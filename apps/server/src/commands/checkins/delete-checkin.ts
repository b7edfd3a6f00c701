import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { checkinPolicy } from '../../policies/checkins.policy';
import { authorize } from '../../policies/policy';
import { loadCheckinAccess } from '../../queries/checkins/checkin-access';
import { withTx } from '../../tx';

/** Deletes a check-in with its occurrences, answers and comments. */
export async function deleteCheckin(ctx: Ctx, id: string): Promise<void> {
  await withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { checkin, m, subject } = await loadCheckinAccess(tx.db, ctx.actor, id);
    authorize(checkinPolicy, 'checkin.delete', m, subject, { canRead: true, notFound: 'CHECKIN_NOT_FOUND' });
    await tx.db.deleteFrom('checkins').where('id', '=', checkin.id).execute();
    await appendEvent(tx, { type: 'checkin.deleted', workspaceId: checkin.workspace_id, spaceId: checkin.space_id, data: { checkinId: checkin.id } });
  });
}
