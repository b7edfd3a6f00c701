import { UpdateCheckinCommentInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { checkinCommentPolicy } from '../../policies/checkins.policy';
import { authorize } from '../../policies/policy';
import { presentCheckinComment } from '../../presenters/checkins';
import { loadCheckinCommentAccess } from '../../queries/checkins/checkin-access';
import { withTx } from '../../tx';
import { requireVersion, versionConflict } from '../versioned';

/** Its author edits a comment from the version they saw. */
export async function updateCheckinComment(ctx: Ctx, id: string, raw: z.input<typeof UpdateCheckinCommentInput>) {
  const input = UpdateCheckinCommentInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { comment, checkin, m, subject } = await loadCheckinCommentAccess(tx.db, ctx.actor, id);
    authorize(checkinCommentPolicy, 'checkinComment.update', m, { authorId: comment.author_id, checkin: subject }, { canRead: true, notFound: 'COMMENT_NOT_FOUND' });
    const version = requireVersion(input.version);
    if (Number(comment.version) !== version) versionConflict(presentCheckinComment(comment, m, subject));
    if (comment.body === input.body) return { comment, m, subject };
    const row = await tx.db
      .updateTable('checkin_comments')
      .set({ body: input.body, updated_at: tx.now, edited_at: tx.now, version: version + 1 })
      .where('id', '=', comment.id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!row) versionConflict(presentCheckinComment(comment, m, subject));
    await appendEvent(tx, { type: 'checkin.comment_updated', workspaceId: checkin.workspace_id, spaceId: checkin.space_id, data: { checkinId: checkin.id, answerId: comment.answer_id, commentId: comment.id } });
    return { comment: row, m, subject };
  });
}
