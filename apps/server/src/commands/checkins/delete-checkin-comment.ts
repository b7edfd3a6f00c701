import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { checkinCommentPolicy } from '../../policies/checkins.policy';
import { authorize } from '../../policies/policy';
import { loadCheckinCommentAccess } from '../../queries/checkins/checkin-access';
import { withTx } from '../../tx';

/** Its author, or an admin moderating, deletes a comment (kept as a tombstone, out of every thread). */
export async function deleteCheckinComment(ctx: Ctx, id: string): Promise<void> {
  await withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { comment, checkin, m, subject } = await loadCheckinCommentAccess(tx.db, ctx.actor, id);
    authorize(checkinCommentPolicy, 'checkinComment.delete', m, { authorId: comment.author_id, checkin: subject }, { canRead: true, notFound: 'COMMENT_NOT_FOUND' });
    await tx.db.updateTable('checkin_comments').set({ deleted_at: tx.now, body: '', updated_at: tx.now }).where('id', '=', comment.id).execute();
    await appendEvent(tx, { type: 'checkin.comment_deleted', workspaceId: checkin.workspace_id, spaceId: checkin.space_id, data: { checkinId: checkin.id, answerId: comment.answer_id, commentId: comment.id } });
  });
}
