import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { commentPolicy } from '../../policies/item.policy';
import { authorize } from '../../policies/policy';
import { presentComment } from '../../presenters/comment';
import { withTx } from '../../tx';
import { reindexItem } from '../items/search-index';
import { versionConflict } from '../versioned';
import { loadCommentAccess } from './comment-access';

/**
 * Soft-deletes a comment (its author, or an admin moderating). A version is optional here: when
 * sent (body or If-Match) a stale one is refused like any update; deleting twice answers 404.
 */
export async function deleteComment(ctx: Ctx, commentId: string, version?: number) {
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { comment, item, m, subject } = await loadCommentAccess(tx.db, ctx.actor, commentId);
    authorize(commentPolicy, 'comment.delete', m, { authorId: comment.author_id, item: subject }, { canRead: true, notFound: 'COMMENT_NOT_FOUND' });
    const current = Number(comment.version);
    if (version !== undefined && version !== current) versionConflict(presentComment(comment, m, subject));
    const deleted = await tx.db
      .updateTable('comments')
      .set({ deleted_at: tx.now, updated_at: tx.now, version: current + 1 })
      .where('id', '=', comment.id)
      .where('version', '=', current)
      .returningAll()
      .executeTakeFirst();
    if (!deleted) versionConflict(presentComment(comment, m, subject));
    await reindexItem(tx, item.id);
    await appendEvent(tx, {
      type: 'comment.deleted',
      workspaceId: item.workspace_id,
      spaceId: item.space_id,
      itemId: item.id,
      data: { commentId: comment.id, authorId: comment.author_id },
    });
    return { comment: deleted, m, subject };
  });
}
