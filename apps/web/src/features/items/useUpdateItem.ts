import type { Item, UpdateItemInput } from '@weft/client';
import type { Board } from '../../lib/api';
import { client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { useOptimisticMutation } from '../../lib/optimistic';

export type ItemPatch = Omit<UpdateItemInput, 'version'>;
type Vars = { base: Item; patch: ItemPatch };

const CARD_FIELDS = ['title', 'statusId', 'priority', 'assigneeIds', 'labelIds', 'dueAt'] as const;
function patchBoard(b: Board | undefined, id: string, values: Partial<Item>): Board | undefined {
  if (!b) return b;
  const card: Record<string, unknown> = {};
  for (const f of CARD_FIELDS) if (values[f] !== undefined) card[f] = values[f];
  if (values.version !== undefined) card.version = values.version;
  return { ...b, items: b.items.map((c) => (c.id === id ? { ...c, ...card } : c)) };
}

/** Summarizes an item for a conflict notice: the values as they are now. */
export function summarizeItem(i: Item, statusName: (id: string) => string): string[] {
  return [`Title: “${i.title}”`, `Status: ${statusName(i.statusId)}`, `Priority: ${i.priority}`, `Due: ${i.dueAt ? i.dueAt.slice(0, 10) : 'none'}`, `Version: ${i.version}`];
}

/** Edits an item with its version: shown at once in the panel and on the board, undone if refused. */
export function useUpdateItem(statusName: (id: string) => string) {
  return useOptimisticMutation<Vars, Item>({
    mutationFn: ({ base, patch }) => client.items.update(base.id, { ...patch, version: base.version }),
    keys: ({ base }) => [qk.item(base.key), qk.board(base.spaceId)],
    apply: (qc, { base, patch }) => {
      // Custom fields are sent one at a time: merge them into the item's, never replace the map.
      const next = (i: Item): Item => ({ ...i, ...patch, fields: patch.fields ? { ...i.fields, ...patch.fields } : i.fields }) as Item;
      qc.setQueryData<Item>(qk.item(base.key), (i) => i && next(i));
      qc.setQueryData<Board>(qk.board(base.spaceId), (b) => patchBoard(b, base.id, patch as Partial<Item>));
    },
    onSuccess: (qc, item) => {
      qc.setQueryData(qk.item(item.key), item);
      qc.setQueryData<Board>(qk.board(item.spaceId), (b) => patchBoard(b, item.id, item));
    },
    describe: ({ base }) => `Saving ${base.key}`,
    conflict: {
      summarize: (c) => summarizeItem(c as Item, statusName),
      store: (qc, c) => {
        const cur = c as Item;
        qc.setQueryData(qk.item(cur.key), cur);
        qc.setQueryData<Board>(qk.board(cur.spaceId), (b) => patchBoard(b, cur.id, cur));
      },
      reapply: (c, v) => ({ base: c as Item, patch: v.patch }),
    },
    invalidate: ({ base }) => [qk.activity(base.key), qk.itemsAll],
  });
}
