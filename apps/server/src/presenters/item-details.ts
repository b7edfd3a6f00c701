import { PRIORITIES, type Priority } from '@weft/domain';
import { sql } from 'kysely';
import type { Db } from '../context';

export type FieldValue = string | number | boolean | string[] | null;
type RawLink = { id: string; kind: 'blocks' | 'blocked_by' | 'relates'; itemId: string; itemKey: string; title: string; spaceId: string; deleted: boolean };

/** What an item response needs beyond its own row, loaded for many items at once. */
export type ItemDetails = {
  assigneeIds: string[];
  labelIds: string[];
  fields: Record<string, FieldValue>;
  alsoInSpaceIds: string[];
  links: RawLink[];
  progress: { total: number; done: number };
};

const CHUNK = 500;

/** Runs a query per chunk of ids: a board of thousands stays a handful of queries, within parameter limits. */
export async function inChunks<T>(ids: readonly string[], fn: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await fn(ids.slice(i, i + CHUNK))));
  return out;
}

export const priorityName = (rank: number): Priority => PRIORITIES[rank] ?? 'none';

/** Turns stored value rows (one per value) into the API value of a field of this type. */
export function fieldValueOf(type: string, rows: Array<{ text_value: string | null; num_value: number | null }>): FieldValue {
  if (type === 'multi_select' || type === 'person') return rows.map((r) => r.text_value ?? '').filter((v) => v !== '');
  const r = rows[0];
  if (!r) return null;
  if (type === 'checkbox') return Number(r.num_value) === 1;
  if (type === 'number') return r.num_value === null ? null : Number(r.num_value);
  return r.text_value;
}

/**
 * Assignees, labels, custom field values, other homes, links and rolled-up subitem progress for
 * many items, in a fixed number of queries per chunk of 500 ids (never one query per item).
 */
export async function loadItemDetails(db: Db, itemIds: readonly string[]): Promise<Map<string, ItemDetails>> {
  const ids = [...new Set(itemIds)];
  const out = new Map<string, ItemDetails>();
  for (const id of ids) out.set(id, { assigneeIds: [], labelIds: [], fields: {}, alsoInSpaceIds: [], links: [], progress: { total: 0, done: 0 } });
  if (ids.length === 0) return out;
  const get = (id: string) => out.get(id) as ItemDetails;
  const [assignees, labels, values, homes, outgoing, incoming, progress] = await Promise.all([
    inChunks(ids, (c) => db.selectFrom('item_assignees').select(['item_id', 'user_id']).where('item_id', 'in', c).orderBy('user_id').execute()),
    inChunks(ids, (c) =>
      db.selectFrom('item_labels').innerJoin('labels', 'labels.id', 'item_labels.label_id').select(['item_labels.item_id', 'item_labels.label_id']).where('item_labels.item_id', 'in', c).orderBy('labels.name').execute(),
    ),
    inChunks(ids, (c) =>
      db
        .selectFrom('item_field_values as v')
        .innerJoin('fields as f', 'f.id', 'v.field_id')
        .select(['v.item_id', 'v.field_id', 'v.text_value', 'v.num_value', 'f.type'])
        .where('v.item_id', 'in', c)
        .orderBy('v.ord')
        .execute(),
    ),
    inChunks(ids, (c) => db.selectFrom('item_homes').select(['item_id', 'space_id']).where('item_id', 'in', c).orderBy('space_id').execute()),
    inChunks(ids, (c) =>
      db
        .selectFrom('item_links as l')
        .innerJoin('items as o', 'o.id', 'l.to_item_id')
        .select(['l.id', 'l.kind', 'l.from_item_id as self', 'o.id as other', 'o.key', 'o.title', 'o.space_id', 'o.deleted_at'])
        .where('l.from_item_id', 'in', c)
        .orderBy('l.id')
        .execute(),
    ),
    inChunks(ids, (c) =>
      db
        .selectFrom('item_links as l')
        .innerJoin('items as o', 'o.id', 'l.from_item_id')
        .select(['l.id', 'l.kind', 'l.to_item_id as self', 'o.id as other', 'o.key', 'o.title', 'o.space_id', 'o.deleted_at'])
        .where('l.to_item_id', 'in', c)
        .orderBy('l.id')
        .execute(),
    ),
    inChunks(ids, (c) => subitemProgress(db, c)),
  ]);
  for (const a of assignees) get(a.item_id).assigneeIds.push(a.user_id);
  for (const l of labels) get(l.item_id).labelIds.push(l.label_id);
  const byField = new Map<string, { item: string; field: string; type: string; rows: Array<{ text_value: string | null; num_value: number | null }> }>();
  for (const v of values) {
    const k = `${v.item_id}\u0000${v.field_id}`;
    const entry = byField.get(k) ?? { item: v.item_id, field: v.field_id, type: v.type, rows: [] };
    entry.rows.push(v);
    byField.set(k, entry);
  }
  for (const e of byField.values()) get(e.item).fields[e.field] = fieldValueOf(e.type, e.rows);
  for (const h of homes) get(h.item_id).alsoInSpaceIds.push(h.space_id);
  for (const [rows, from] of [[outgoing, true], [incoming, false]] as const) {
    for (const l of rows) {
      const kind = l.kind === 'blocks' ? (from ? 'blocks' : 'blocked_by') : 'relates';
      get(l.self).links.push({ id: l.id, kind, itemId: l.other, itemKey: l.key, title: l.title, spaceId: l.space_id, deleted: l.deleted_at !== null });
    }
  }
  for (const p of progress) get(p.root_id).progress = { total: Number(p.total), done: Number(p.done ?? 0) };
  return out;
}

/** Live descendants (any depth) of each root, and how many of them are in a done status. */
async function subitemProgress(db: Db, roots: string[]) {
  const { rows } = await sql<{ root_id: string; total: number; done: number | null }>`
    with recursive tree (root_id, id) as (
      select parent_id, id from items where parent_id in (${sql.join(roots)})
      union
      select tree.root_id, items.id from items inner join tree on items.parent_id = tree.id
    )
    select tree.root_id as root_id, count(*) as total,
      sum(case when items.status_category = 'done' then 1 else 0 end) as done
    from tree inner join items on items.id = tree.id
    where items.deleted_at is null
    group by tree.root_id`.execute(db);
  return rows;
}
