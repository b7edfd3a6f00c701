import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import type { Item, ItemQueryPage, Status } from '@weft/client';
import { type Board, client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { useOptimisticMutation } from '../../lib/optimistic';
import { type ItemPatch, summarizeItem } from '../items/useUpdateItem';

type Vars = { item: Item; patch: ItemPatch };
type Pages = { pages: ItemQueryPage[] };
type Cached = Pages | ItemQueryPage | undefined;

const patchPage = (p: ItemQueryPage, id: string, values: Partial<Item>): ItemQueryPage =>
  p.data.some((i) => i.id === id) ? { ...p, data: p.data.map((i) => (i.id === id ? ({ ...i, ...values } as Item) : i)) } : p;

/** Writes values into every cached item listing (the views' paged lists and My work's plain pages). */
function patchLists(qc: QueryClient, id: string, values: Partial<Item>): void {
  qc.setQueriesData<Cached>({ queryKey: qk.itemsAll }, (d) => {
    if (!d) return d;
    if ('pages' in d) return { ...d, pages: d.pages.map((p) => patchPage(p, id, values)) };
    if ('data' in d) return patchPage(d, id, values);
    return d;
  });
}

const CARD = ['title', 'statusId', 'priority', 'assigneeIds', 'labelIds', 'dueAt', 'version'] as const;
function patchBoard(qc: QueryClient, spaceId: string, id: string, values: Partial<Item>): void {
  const card: Record<string, unknown> = {};
  for (const f of CARD) if (values[f] !== undefined) card[f] = values[f];
  qc.setQueryData<Board>(qk.board(spaceId), (b) => b && { ...b, items: b.items.map((c) => (c.id === id ? { ...c, ...card } : c)) });
}

function store(qc: QueryClient, item: Item): void {
  patchLists(qc, item.id, item);
  patchBoard(qc, item.spaceId, item.id, item);
  qc.setQueryData(qk.item(item.key), item);
}

/**
 * An edit from the table, calendar or timeline: `PATCH /items/{id}` with the version it was based
 * on, shown at once in every listing, undone with a notice if refused (a 409 offers to reapply).
 * Unlike the panel's useUpdateItem it does not refetch the listings afterwards: a 5,000-row table
 * is 25 pages, and the server's answer already carries the new values and version.
 */
export function usePatchItem(statuses: Status[]) {
  const qc = useQueryClient();
  const statusName = (id: string) => statuses.find((s) => s.id === id)?.name ?? 'another status';
  return useOptimisticMutation<Vars, Item>({
    mutationFn: ({ item, patch }) => client.items.update(item.id, { ...patch, version: item.version }),
    keys: ({ item }) => [...qc.getQueriesData({ queryKey: qk.itemsAll }).map(([k]) => k), qk.board(item.spaceId), qk.item(item.key)],
    apply: (qc, { item, patch }) => {
      // Custom fields are sent one at a time: merge them into the item's, never replace the map.
      const values = (patch.fields ? { ...patch, fields: { ...item.fields, ...patch.fields } } : patch) as Partial<Item>;
      patchLists(qc, item.id, values);
      patchBoard(qc, item.spaceId, item.id, values);
      qc.setQueryData<Item>(qk.item(item.key), (i) => i && ({ ...i, ...values } as Item));
    },
    onSuccess: (qc, saved) => {
      store(qc, saved);
      // Lists not on screen may now include or exclude the item: refetch them when next shown.
      void qc.invalidateQueries({ queryKey: qk.itemsAll, refetchType: 'none' });
    },
    describe: ({ item }) => `Saving ${item.key}`,
    conflict: {
      summarize: (c) => summarizeItem(c as Item, statusName),
      store: (qc, c) => store(qc, c as Item),
      reapply: (c, v) => ({ item: c as Item, patch: v.patch }),
    },
    invalidate: ({ item }) => [qk.activity(item.key)],
  });
}
