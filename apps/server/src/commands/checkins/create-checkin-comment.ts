import { newId } from '@weft/db';
import { CheckinCommentInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { checkinPolicy } from '../../policies/checkins.policy';
import { authorize } from '../../policies/policy';
import { loadAnswerAccess } from '../../queries/checkins/checkin-access';
import { withTx } from '../../tx';

/** Comments on someone's answer: anyone who can read the check-in joins the thread. */
export async function createCheckinComment(ctx: Ctx, answerId: string, raw: z.input<typeof CheckinCommentInput>) {
  const input = CheckinCommentInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { answer, checkin, m, subject } = await loadAnswerAccess(tx.db, ctx.actor, answerId);
    authorize(checkinPolicy, 'checkin.comment', m, subject, { canRead: true, notFound: 'ANSWER_NOT_FOUND' });
    const row = {
      id: newId(),
      answer_id: answer.id,
      checkin_id: checkin.id,
      workspace_id: checkin.workspace_id,
      author_id: m.userId,
      body: input.body,
      created_at: tx.now,
      updated_at: tx.now,
      edited_at: null,
      deleted_at: null,
      version: 1,
    };
    await tx.db.insertInto('checkin_comments').values(row).execute();
    await appendEvent(tx, {
      type: 'checkin.comment_created',
      workspaceId: checkin.workspace_id,
      spaceId: checkin.space_id,
      data: { checkinId: checkin.id, occurrenceId: answer.occurrence_id, answerId: answer.id, commentId: row.id, answerAuthorId: answer.user_id },
    });
    return { comment: row, m, subject };
  });
}
