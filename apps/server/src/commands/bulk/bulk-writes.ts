import { inChunks } from '../../presenters/item';
import type { Tx } from '../../tx';

/**
 * Assignee or label rows a bulk change adds and removes, gathered over all its items so they are
 * written with one insert per 500 rows and one delete per removed person or label.
 */
export type ListWrites = { added: Array<{ itemId: string; id: string }>; removed: Map<string, string[]> };

export const listWrites = (): ListWrites => ({ added: [], removed: new Map() });

export function collect(w: ListWrites, itemId: string, current: readonly string[], next: readonly string[]): void {
  for (const id of next) if (!current.includes(id)) w.added.push({ itemId, id });
  for (const id of current) if (!next.includes(id)) w.removed.set(id, [...(w.removed.get(id) ?? []), itemId]);
}

const none = async (p: Promise<unknown>) => {
  await p;
  return [];
};

export async function writeAssignees(tx: Tx, w: ListWrites): Promise<void> {
  for (const [userId, itemIds] of w.removed) {
    await inChunks(itemIds, (c) => none(tx.db.deleteFrom('item_assignees').where('user_id', '=', userId).where('item_id', 'in', c).execute()));
  }
  for (let i = 0; i < w.added.length; i += 500) {
    await tx.db.insertInto('item_assignees').values(w.added.slice(i, i + 500).map((a) => ({ item_id: a.itemId, user_id: a.id }))).execute();
  }
}

export async function writeLabels(tx: Tx, w: ListWrites): Promise<void> {
  for (const [labelId, itemIds] of w.removed) {
    await inChunks(itemIds, (c) => none(tx.db.deleteFrom('item_labels').where('label_id', '=', labelId).where('item_id', 'in', c).execute()));
  }
  for (let i = 0; i < w.added.length; i += 500) {
    await tx.db.insertInto('item_labels').values(w.added.slice(i, i + 500).map((a) => ({ item_id: a.itemId, label_id: a.id }))).execute();
  }
}
