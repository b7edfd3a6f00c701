import type { Tx } from '../../tx';

/**
 * Rewrites an item's searchable text (title, description, live comments) in the same transaction
 * as the change that made it stale. Delete-then-insert works on both engines (FTS5 tables have no
 * upsert). Call it after any change to an item's title/description or to one of its comments.
 */
export async function reindexItem(tx: Tx, itemId: string): Promise<void> {
  const item = await tx.db.selectFrom('items').select(['workspace_id', 'title', 'description', 'deleted_at']).where('id', '=', itemId).executeTakeFirst();
  await tx.db.deleteFrom('item_search').where('item_id', '=', itemId).execute();
  if (!item) return;
  const comments = await tx.db.selectFrom('comments').select('body').where('item_id', '=', itemId).where('deleted_at', 'is', null).orderBy('created_at').execute();
  const content = [item.title, item.description, ...comments.map((c) => c.body)].join('\n');
  await tx.db.insertInto('item_search').values({ item_id: itemId, workspace_id: item.workspace_id, content }).execute();
}
