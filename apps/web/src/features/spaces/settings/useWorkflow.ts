import type { QueryClient } from '@tanstack/react-query';
import type { Space, Status } from '@weft/client';
import { client } from '../../../lib/api';
import { qk } from '../../../lib/keys';
import { useOptimisticMutation } from '../../../lib/optimistic';

export type Category = Status['category'];
export const CATEGORIES: [Category, string][] = [
  ['backlog', 'Backlog'],
  ['todo', 'To do'],
  ['in_progress', 'In progress'],
  ['done', 'Done'],
  ['canceled', 'Canceled'],
];

const setStatuses = (qc: QueryClient, spaceId: string, f: (s: Status[]) => Status[]) =>
  qc.setQueryData<Space>(qk.space(spaceId), (sp) => (sp ? { ...sp, statuses: f(sp.statuses) } : sp));

type Change =
  | { kind: 'update'; status: Status; patch: { name?: string; category?: Category } }
  | { kind: 'reorder'; order: string[] }
  | { kind: 'create'; tempId: string; name: string; category: Category }
  | { kind: 'remove'; status: Status; moveItemsTo?: string };

const label = (c: Change) =>
  c.kind === 'update' ? `Changing status “${c.status.name}”` : c.kind === 'reorder' ? 'Reordering the statuses' : c.kind === 'create' ? `Adding status “${c.name}”` : `Removing status “${c.status.name}”`;

/** Every workflow change shows at once in the space (and so in its board) and is undone if the server refuses. */
export function useWorkflowChange(spaceId: string) {
  return useOptimisticMutation({
    mutationFn: async (c: Change): Promise<Status | Status[] | undefined> => {
      if (c.kind === 'update') return client.statuses.update(spaceId, c.status.id, c.patch);
      if (c.kind === 'reorder') return (await client.statuses.reorder(spaceId, { order: c.order })).data;
      if (c.kind === 'create') return client.statuses.create(spaceId, { name: c.name, category: c.category });
      await client.statuses.remove(spaceId, c.status.id, c.moveItemsTo);
      return undefined;
    },
    keys: () => [qk.space(spaceId)],
    apply: (qc, c) =>
      setStatuses(qc, spaceId, (list) => {
        if (c.kind === 'update') return list.map((s) => (s.id === c.status.id ? { ...s, ...c.patch } : s));
        if (c.kind === 'reorder') return c.order.map((id, i) => ({ ...(list.find((s) => s.id === id) as Status), position: i }));
        if (c.kind === 'create') return [...list, { id: c.tempId, spaceId, name: c.name, category: c.category, position: list.length, color: null }];
        return list.filter((s) => s.id !== c.status.id);
      }),
    onSuccess: (qc, r, c) => {
      if (c.kind === 'create' && r && !Array.isArray(r)) setStatuses(qc, spaceId, (l) => l.map((s) => (s.id === c.tempId ? r : s)));
      if (c.kind === 'reorder' && Array.isArray(r)) setStatuses(qc, spaceId, () => r);
    },
    describe: label,
    invalidate: () => [qk.space(spaceId), qk.board(spaceId)],
  });
}

/** The statuses in their order (the list a space carries is not guaranteed sorted). */
export const ordered = (s: Status[]) => [...s].sort((a, b) => a.position - b.position);
