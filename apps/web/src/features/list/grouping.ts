import type { Item, Space } from '@weft/client';

export const GROUP_FIELDS = ['status', 'priority', 'assignee', 'type', 'label'] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];
export type Group = { id: string; name: string; items: Array<{ item: Item; depth: number }> };
type Names = { people: Map<string, string>; labels: Map<string, string> };

const PRIORITY_ORDER = ['urgent', 'high', 'medium', 'low', 'none'] as const;

/** `group:<field>` in the filter (the query language's grouping), when it names one the list can show. */
export function groupFromQuery(filter: string): GroupField | null {
  const m = /(?:^|\s)group:(\w+)/i.exec(filter);
  const f = m?.[1]?.toLowerCase();
  return GROUP_FIELDS.find((g) => g === f) ?? null;
}

/**
 * Items ordered so that a subitem follows its parent (when both are in the group), with its depth
 * for indentation; the order among siblings is the list's own.
 */
export function nest(items: readonly Item[]): Array<{ item: Item; depth: number }> {
  const here = new Set(items.map((i) => i.id));
  const children = new Map<string, Item[]>();
  const roots: Item[] = [];
  for (const i of items) {
    if (i.parentId && here.has(i.parentId)) children.set(i.parentId, [...(children.get(i.parentId) ?? []), i]);
    else roots.push(i);
  }
  const out: Array<{ item: Item; depth: number }> = [];
  const seen = new Set<string>();
  const visit = (i: Item, depth: number) => {
    if (seen.has(i.id)) return;
    seen.add(i.id);
    out.push({ item: i, depth });
    for (const c of children.get(i.id) ?? []) visit(c, depth + 1);
  };
  for (const r of roots) visit(r, 0);
  // A cycle cannot come from the server (it refuses them); anything unvisited still shows.
  for (const i of items) visit(i, 0);
  return out;
}

function bucket(items: readonly Item[], keysOf: (i: Item) => string[], order: Array<{ id: string; name: string }>): Group[] {
  const by = new Map<string, Item[]>();
  for (const i of items) for (const k of keysOf(i)) by.set(k, [...(by.get(k) ?? []), i]);
  return order.filter((g) => by.has(g.id)).map((g) => ({ id: g.id, name: g.name, items: nest(by.get(g.id) ?? []) }));
}

/** The list's groups for a field: statuses in workflow order, priorities from urgent, people and labels by name. */
export function groupItems(items: readonly Item[], field: GroupField, space: Space, names: Names): Group[] {
  const NONE = '∅';
  const byName = (ids: Iterable<string>, label: Map<string, string>, none: string) => [
    ...[...new Set(ids)].map((id) => ({ id, name: label.get(id) ?? id })).sort((a, b) => a.name.localeCompare(b.name)),
    { id: NONE, name: none },
  ];
  switch (field) {
    case 'priority':
      return bucket(items, (i) => [i.priority], PRIORITY_ORDER.map((p) => ({ id: p, name: p })));
    case 'type':
      return bucket(
        items,
        (i) => [i.type],
        [...new Set(items.map((i) => i.type))].sort().map((t) => ({ id: t, name: t })),
      );
    case 'assignee':
      return bucket(items, (i) => (i.assigneeIds.length ? i.assigneeIds : [NONE]), byName(items.flatMap((i) => i.assigneeIds), names.people, 'No assignee'));
    case 'label':
      return bucket(items, (i) => (i.labelIds.length ? i.labelIds : [NONE]), byName(items.flatMap((i) => i.labelIds), names.labels, 'No label'));
    default: {
      const known = new Set(space.statuses.map((s) => s.id));
      const groups = bucket(items, (i) => [known.has(i.statusId) ? i.statusId : 'other'], [...[...space.statuses].sort((a, b) => a.position - b.position), { id: 'other', name: 'Other spaces' }]);
      return groups;
    }
  }
}
