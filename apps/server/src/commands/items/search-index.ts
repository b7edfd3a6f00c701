import { insertRows } from '@weft/db';
import type { Tx } from '../../tx';

/** The searchable text of an item: title, description, then its live comments. */
export const searchContent = (title: string, description: string, comments: readonly string[] = []) => [title, description, ...comments].join('\n');

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
  await tx.db.insertInto('item_search').values({ item_id: itemId, workspace_id: item.workspace_id, content: searchContent(item.title, item.description, comments.map((c) => c.body)) }).execute();
}

/** Indexes items that were just created (no comments yet) with multi-row inserts. */
export async function indexNewItems(tx: Tx, items: ReadonlyArray<{ id: string; workspace_id: string; title: string; description: string }>): Promise<void> {
  await insertRows(tx.db, 'item_search', ['item_id', 'workspace_id', 'content'], items.map((it) => [it.id, it.workspace_id, searchContent(it.title, it.description)]));
}
