import type { Field, Item, Space } from '@weft/client';

export const GROUP_FIELDS = ['status', 'priority', 'assignee', 'type', 'label'] as const;
/** A built-in field, or `field:<id>` for a custom field of the space. */
export type GroupField = (typeof GROUP_FIELDS)[number] | `field:${string}`;
export type Group = { id: string; name: string; items: Array<{ item: Item; depth: number }> };
type Names = { people: Map<string, string>; labels: Map<string, string>; fields?: readonly Field[] };

const PRIORITY_ORDER = ['urgent', 'high', 'medium', 'low', 'none'] as const;

/** The query language's name matching (packages/domain `normalizeQueryName`; its runtime would pull zod in). */
const normalized = (name: string) => name.trim().toLowerCase().replace(/[\s_-]+/g, '_');

/**
 * `group:<field>` in the filter (the query language's grouping), when it names one the list can
 * show: a built-in field, or a custom field by name (`group:Tier`, `group:"Customer tier"`).
 */
export function groupFromQuery(filter: string, fields: readonly Field[] = []): GroupField | null {
  const m = /(?:^|\s)group:(?:"([^"]+)"|(\S+))/i.exec(filter);
  const raw = m?.[1] ?? m?.[2];
  if (!raw) return null;
  const builtIn = GROUP_FIELDS.find((g) => g === raw.toLowerCase());
  if (builtIn) return builtIn;
  const custom = fields.find((f) => normalized(f.name) === normalized(raw));
  return custom ? `field:${custom.id}` : null;
}

/** Groups of a custom field: options in their order, people and other values by name, then "No value". */
function customGroups(items: readonly Item[], field: Field, names: Names): Group[] {
  const NONE = '∅';
  const raw = (i: Item): unknown[] => {
    const v = i.fields?.[field.id];
    if (v === undefined || v === null || v === '') return [];
    return Array.isArray(v) ? v : [v];
  };
  const keysOf = (i: Item) => {
    const ks = raw(i).map((v) => String(v));
    return ks.length ? ks : [NONE];
  };
  const none = { id: NONE, name: 'No value' };
  if (field.type === 'select' || field.type === 'multi_select') return bucket(items, keysOf, [...field.options.map((o) => ({ id: o.id, name: o.name })), none]);
  if (field.type === 'checkbox') return bucket(items, (i) => [raw(i)[0] === true ? 'true' : 'false'], [{ id: 'true', name: 'Yes' }, { id: 'false', name: 'No' }]);
  const label = (k: string) => (field.type === 'person' ? (names.people.get(k) ?? k) : k);
  const seen = [...new Set(items.flatMap((i) => raw(i).map((v) => String(v))))].map((k) => ({ id: k, name: label(k) }));
  const sorted = field.type === 'number' ? seen.sort((a, b) => Number(a.id) - Number(b.id)) : seen.sort((a, b) => a.name.localeCompare(b.name));
  return bucket(items, keysOf, [...sorted, none]);
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
  if (field.startsWith('field:')) {
    const custom = names.fields?.find((f) => `field:${f.id}` === field);
    if (custom) return customGroups(items, custom, names);
    field = 'status';
  }
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
