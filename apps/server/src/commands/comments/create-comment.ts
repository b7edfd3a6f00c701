import { newId } from '@weft/db';
import { CreateCommentInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { itemPolicy } from '../../policies/item.policy';
import { authorize } from '../../policies/policy';
import { loadItemAccess } from '../../queries/items/load-item';
import { withTx } from '../../tx';
import { reindexItem } from '../items/search-index';
import { refuseTrashed } from './comment-access';
import { resolveMentions } from './mentions';

/** Posts a markdown comment on an item; @mentions resolve to members who can read the item. */
export async function createComment(ctx: Ctx, itemIdOrKey: string, raw: z.input<typeof CreateCommentInput>) {
  const input = CreateCommentInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { item, space, m, subject } = await loadItemAccess(tx.db, ctx.actor, itemIdOrKey);
    authorize(itemPolicy, 'item.comment', m, subject, { canRead: true, notFound: 'ITEM_NOT_FOUND' });
    refuseTrashed(item);
    const mentionIds = await resolveMentions(tx.db, item.workspace_id, space, input.body);
    const comment = {
      id: newId(),
      workspace_id: item.workspace_id,
      item_id: item.id,
      author_id: ctx.actor.userId,
      body: input.body,
      mention_ids: JSON.stringify(mentionIds),
      created_at: tx.now,
      updated_at: tx.now,
      edited_at: null,
      deleted_at: null,
      version: 1,
    };
    await tx.db.insertInto('comments').values(comment).execute();
    await reindexItem(tx, item.id);
    await appendEvent(tx, { type: 'comment.created', workspaceId: item.workspace_id, spaceId: item.space_id, itemId: item.id, data: { commentId: comment.id, mentionIds } });
    return { comment, m, subject };
  });
}
