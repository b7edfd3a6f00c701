import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import type { BulkInput, Item, ItemQueryPage } from '@weft/client';
import { type Board, client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { useOptimisticMutation } from '../../lib/optimistic';

export type BulkSet = BulkInput['set'];
type Vars = { workspaceId: string; spaceId: string; items: Item[]; set: BulkSet };
type Cached = { pages: ItemQueryPage[] } | ItemQueryPage | undefined;

/** The item as the bulk change will leave it (what the server's bulk command writes). */
function applySet(i: Item, set: BulkSet): Item {
  const out = { ...i };
  if (set.statusId) out.statusId = set.statusId;
  if (set.priority) out.priority = set.priority;
  if (set.assigneeIds) out.assigneeIds = set.assigneeIds;
  if (set.addAssigneeIds) out.assigneeIds = [...new Set([...out.assigneeIds, ...set.addAssigneeIds])];
  if (set.removeAssigneeIds) out.assigneeIds = out.assigneeIds.filter((a) => !set.removeAssigneeIds?.includes(a));
  if (set.labelIds) out.labelIds = set.labelIds;
  if (set.addLabelIds) out.labelIds = [...new Set([...out.labelIds, ...set.addLabelIds])];
  if (set.removeLabelIds) out.labelIds = out.labelIds.filter((l) => !set.removeLabelIds?.includes(l));
  return out;
}

/** Rewrites (or, for the trash, drops) the given items in every cached listing and on the board. */
function patchCaches(qc: QueryClient, spaceId: string, change: (i: Item) => Item | null, ids: Set<string>): void {
  const page = (p: ItemQueryPage): ItemQueryPage =>
    p.data.some((i) => ids.has(i.id)) ? { ...p, data: p.data.flatMap((i) => (ids.has(i.id) ? (change(i) ?? []) : [i])) } : p;
  qc.setQueriesData<Cached>({ queryKey: qk.itemsAll }, (d) => {
    if (!d) return d;
    if ('pages' in d) return { ...d, pages: d.pages.map(page) };
    if ('data' in d && Array.isArray(d.data)) return page(d);
    return d;
  });
  qc.setQueryData<Board>(qk.board(spaceId), (b) => {
    if (!b) return b;
    const items = b.items.flatMap((c) => {
      if (!ids.has(c.id)) return [c];
      const next = change(c as Item);
      return next ? [{ ...c, statusId: next.statusId, priority: next.priority, assigneeIds: next.assigneeIds, labelIds: next.labelIds, version: next.version }] : [];
    });
    return { ...b, items };
  });
}

/**
 * `POST /workspaces/{id}/items/bulk`: one change to many items, all or nothing on the server, shown
 * at once here and undone with a notice if refused.
 */
export function useBulkChange() {
  const qc = useQueryClient();
  return useOptimisticMutation<Vars, { data: Item[] }>({
    mutationFn: ({ workspaceId, items, set }) => client.items.bulk(workspaceId, { itemIds: items.map((i) => i.id), set }),
    keys: ({ spaceId, items }) => [...qc.getQueriesData({ queryKey: qk.itemsAll }).map(([k]) => k), qk.board(spaceId), ...items.map((i) => qk.item(i.key))],
    apply: (qc, { spaceId, items, set }) => {
      const ids = new Set(items.map((i) => i.id));
      patchCaches(qc, spaceId, (i) => (set.delete ? null : applySet(i, set)), ids);
      for (const i of items) qc.setQueryData<Item>(qk.item(i.key), (cur) => cur && (set.delete ? cur : applySet(cur, set)));
    },
    onSuccess: (qc, res, { spaceId, set }) => {
      if (set.delete) return;
      const byId = new Map(res.data.map((i) => [i.id, i]));
      patchCaches(qc, spaceId, (i) => byId.get(i.id) ?? i, new Set(byId.keys()));
      for (const i of res.data) qc.setQueryData(qk.item(i.key), i);
    },
    describe: ({ items }) => `Changing ${items.length} item${items.length === 1 ? '' : 's'}`,
    invalidate: ({ spaceId }) => [qk.itemsAll, qk.board(spaceId)],
  });
}
