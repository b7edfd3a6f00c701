import type { CommentsTable } from '@weft/db';
import { WeftError } from '@weft/domain';
import type { Actor, Db } from '../../context';
import { type ItemAccess, loadItemAccess } from '../../queries/items/load-item';

export type CommentAccess = ItemAccess & { comment: CommentsTable };

const notFound = () => new WeftError('COMMENT_NOT_FOUND', 'comment not found');

/**
 * A live comment with its item, the actor's membership and the item's policy subject. A deleted
 * comment, or one on an item the actor cannot read, answers 404 like one that never existed.
 */
export async function loadCommentAccess(db: Db, actor: Actor, commentId: string): Promise<CommentAccess> {
  const comment = await db.selectFrom('comments').selectAll().where('id', '=', commentId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!comment) throw notFound();
  const access = await loadItemAccess(db, actor, comment.item_id).catch((e: unknown) => {
    if (e instanceof WeftError && e.code === 'ITEM_NOT_FOUND') throw notFound();
    throw e;
  });
  return { ...access, comment };
}

/** Conversation belongs to live work: a trashed item takes no new or edited comments until restored. */
export function refuseTrashed(item: { deleted_at: string | null }): void {
  if (item.deleted_at !== null) throw new WeftError('UNPROCESSABLE', 'this item is in the trash; restore it first');
}
