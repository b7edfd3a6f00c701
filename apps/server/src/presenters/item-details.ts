import { PRIORITIES, type Priority } from '@weft/domain';
import { dialectOf, jsonArrayAgg, jsonTuple, jsonValue } from '@weft/db';
import { type RawBuilder, sql } from 'kysely';
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

type Tuple = Array<string | number | null>;
/** What `detailColumns` selects. */
export type DetailColumns = { assignees: unknown; labels: unknown; fields: unknown; homes: unknown; outgoing: unknown; incoming: unknown; has_children: unknown };
type DetailRow = DetailColumns & { id: string };

/**
 * The detail columns of the item aliased `i` (assignees, labels, fields, homes, outgoing,
 * incoming, has_children): JSON arrays aggregated by correlated subqueries on primary-key indexes.
 * Also used by the one-statement item read (queries/items/read-item.ts).
 */
export function detailColumns(db: Db): RawBuilder<unknown> {
  const dialect = dialectOf(db);
  const agg = (value: RawBuilder<unknown>, orderBy: RawBuilder<unknown>) => jsonArrayAgg(dialect, value, orderBy);
  const tuple = (...values: RawBuilder<unknown>[]) => jsonTuple(dialect, values);
  const link = (self: string, other: string) => sql`(select ${agg(tuple(sql`l.id`, sql`l.kind`, sql`o.id`, sql`o.key`, sql`o.title`, sql`o.space_id`, sql`o.deleted_at`), sql`l.id`)}
      from item_links l inner join items o on o.id = l.${sql.raw(other)} where l.${sql.raw(self)} = i.id)`;
  return sql`(select ${agg(sql`a.user_id`, sql`a.user_id`)} from item_assignees a where a.item_id = i.id) as assignees,
      (select ${agg(sql`il.label_id`, sql`lb.name`)} from item_labels il inner join labels lb on lb.id = il.label_id where il.item_id = i.id) as labels,
      (select ${agg(tuple(sql`v.field_id`, sql`f.type`, sql`v.text_value`, sql`v.num_value`), sql`v.ord, v.field_id`)}
        from item_field_values v inner join fields f on f.id = v.field_id where v.item_id = i.id) as fields,
      (select ${agg(sql`h.space_id`, sql`h.space_id`)} from item_homes h where h.item_id = i.id) as homes,
      ${link('from_item_id', 'to_item_id')} as outgoing,
      ${link('to_item_id', 'from_item_id')} as incoming,
      exists (select 1 from items c where c.parent_id = i.id) as has_children`;
}

/**
 * Assignees, labels, custom field values, other homes and links of many items in ONE query per
 * chunk of 500 ids: each is a JSON array aggregated by a correlated subquery on its primary-key
 * index (`jsonArrayAgg`). Subitem progress needs a tree walk, so it is a second query, and only
 * for the items that have subitems at all.
 */
export async function loadItemDetails(db: Db, itemIds: readonly string[]): Promise<Map<string, ItemDetails>> {
  const ids = [...new Set(itemIds)];
  const out = new Map<string, ItemDetails>();
  if (ids.length === 0) return out;
  const rows = await inChunks(ids, async (c) => (await sql<DetailRow>`select i.id, ${detailColumns(db)} from items i where i.id in (${sql.join(c)})`.execute(db)).rows);
  const parents: string[] = [];
  for (const r of rows) {
    out.set(r.id, detailsOf(r));
    if (Number(r.has_children)) parents.push(r.id);
  }
  for (const id of ids) if (!out.has(id)) out.set(id, emptyDetails());
  await addProgress(db, out, parents);
  return out;
}

const emptyDetails = (): ItemDetails => ({ assigneeIds: [], labelIds: [], fields: {}, alsoInSpaceIds: [], links: [], progress: { total: 0, done: 0 } });

/** An item's details from its `detailColumns` (progress left at zero: see `addProgress`). */
export function detailsOf(r: DetailColumns): ItemDetails {
  const d = emptyDetails();
  d.assigneeIds = jsonValue<string[]>(r.assignees);
  d.labelIds = jsonValue<string[]>(r.labels);
  d.alsoInSpaceIds = jsonValue<string[]>(r.homes);
  const byField = new Map<string, { type: string; rows: Array<{ text_value: string | null; num_value: number | null }> }>();
  for (const [fieldId, type, text, num] of jsonValue<Tuple[]>(r.fields)) {
    const e = byField.get(fieldId as string) ?? { type: type as string, rows: [] };
    e.rows.push({ text_value: text as string | null, num_value: num as number | null });
    byField.set(fieldId as string, e);
  }
  for (const [fieldId, e] of byField) d.fields[fieldId] = fieldValueOf(e.type, e.rows);
  for (const [list, from] of [[r.outgoing, true], [r.incoming, false]] as const) {
    for (const [id, kind, other, key, title, spaceId, deletedAt] of jsonValue<Tuple[]>(list)) {
      d.links.push({ id: id as string, kind: kind === 'blocks' ? (from ? 'blocks' : 'blocked_by') : 'relates', itemId: other as string, itemKey: key as string, title: title as string, spaceId: spaceId as string, deleted: deletedAt !== null });
    }
  }
  return d;
}

/** Fills in subitem progress for the items that have subitems (`has_children`). */
export async function addProgress(db: Db, details: Map<string, ItemDetails>, parents: readonly string[]): Promise<void> {
  for (const p of await inChunks(parents, (c) => subitemProgress(db, c))) (details.get(p.root_id) as ItemDetails).progress = { total: Number(p.total), done: Number(p.done ?? 0) };
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
