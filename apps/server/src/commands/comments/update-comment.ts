import { UpdateCommentInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { commentPolicy } from '../../policies/item.policy';
import { authorize } from '../../policies/policy';
import { mentionIdsOf, presentComment } from '../../presenters/comment';
import { withTx } from '../../tx';
import { reindexItem } from '../items/search-index';
import { requireVersion, versionConflict } from '../versioned';
import { loadCommentAccess, refuseTrashed } from './comment-access';
import { resolveMentions } from './mentions';

/** Edits one's own comment from the version it was based on; mentions are re-resolved. */
export async function updateComment(ctx: Ctx, commentId: string, raw: z.input<typeof UpdateCommentInput>) {
  const input = UpdateCommentInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { comment, item, space, m, subject } = await loadCommentAccess(tx.db, ctx.actor, commentId);
    authorize(commentPolicy, 'comment.update', m, { authorId: comment.author_id, item: subject }, { canRead: true, notFound: 'COMMENT_NOT_FOUND' });
    refuseTrashed(item);
    const version = requireVersion(input.version);
    if (Number(comment.version) !== version) versionConflict(presentComment(comment, m, subject));
    const mentionIds = await resolveMentions(tx.db, item.workspace_id, space, input.body);
    const updated = await tx.db
      .updateTable('comments')
      .set({ body: input.body, mention_ids: JSON.stringify(mentionIds), edited_at: tx.now, updated_at: tx.now, version: version + 1 })
      .where('id', '=', comment.id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) versionConflict(presentComment(comment, m, subject));
    await reindexItem(tx, item.id);
    // Only people newly mentioned by this edit need telling again.
    const before = new Set(mentionIdsOf(comment.mention_ids));
    const newMentionIds = mentionIds.filter((id) => !before.has(id));
    await appendEvent(tx, {
      type: 'comment.updated',
      workspaceId: item.workspace_id,
      spaceId: item.space_id,
      itemId: item.id,
      data: { commentId: comment.id, mentionIds, newMentionIds },
    });
    return { comment: updated, m, subject };
  });
}
