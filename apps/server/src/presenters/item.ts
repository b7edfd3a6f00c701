import type { Item } from '@weft/domain';
import type { Db, Membership } from '../context';
import type { ItemSubject } from '../policies/item.policy';
import { itemPolicy } from '../policies/item.policy';
import { abilitiesOf } from '../policies/policy';
import { canReadSpace, type SpaceSubject } from '../policies/space.policy';
import type { ItemRow } from '../queries/items/item-rows';
import { type ItemDetails, inChunks, loadItemDetails, priorityName } from './item-details';

export { type FieldValue, fieldValueOf, type ItemDetails, inChunks, loadItemDetails, priorityName } from './item-details';

/** How the actor relates to each of these spaces (visibility and membership), in one query per chunk. */
export async function spaceSubjects(db: Db, m: Membership, spaceIds: readonly string[]): Promise<Map<string, SpaceSubject>> {
  const rows = await inChunks([...new Set(spaceIds)], (c) =>
    db
      .selectFrom('spaces')
      .leftJoin('space_members', (j) => j.onRef('space_members.space_id', '=', 'spaces.id').on('space_members.user_id', '=', m.userId))
      .select(['spaces.id', 'spaces.visibility', 'space_members.user_id'])
      .where('spaces.id', 'in', c)
      .execute(),
  );
  return new Map(rows.map((r) => [r.id, { visibility: r.visibility, isSpaceMember: r.user_id !== null }]));
}

const NO_ACCESS: SpaceSubject = { visibility: 'members', isSpaceMember: false };

/** One item in its API shape; other homes and links the actor may not read are left out. */
export function presentItem(row: ItemRow, d: ItemDetails, m: Membership, subjects: Map<string, SpaceSubject>): Item {
  const readable = (spaceId: string) => canReadSpace(m, subjects.get(spaceId) ?? NO_ACCESS);
  const subject: ItemSubject = { space: subjects.get(row.space_id) ?? NO_ACCESS, createdBy: row.created_by, assigneeIds: d.assigneeIds };
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    spaceId: row.space_id,
    key: row.key,
    number: Number(row.number),
    type: row.type,
    title: row.title,
    description: row.description,
    statusId: row.status_id,
    statusCategory: row.status_category,
    priority: priorityName(Number(row.priority)),
    assigneeIds: d.assigneeIds,
    ownerId: row.owner_id,
    labelIds: d.labelIds,
    startAt: row.start_at,
    dueAt: row.due_at,
    estimate: row.estimate === null ? null : Number(row.estimate),
    parentId: row.parent_id,
    position: row.position,
    fields: d.fields,
    alsoInSpaceIds: d.alsoInSpaceIds.filter(readable),
    links: d.links.filter((l) => !l.deleted && readable(l.spaceId)).map(({ id, kind, itemId, itemKey, title }) => ({ id, kind, itemId, itemKey, title })),
    progress: d.progress,
    version: Number(row.version),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
    deletedAt: row.deleted_at,
    abilities: abilitiesOf(itemPolicy, m, subject),
  };
}

/** Many items in their API shape, with a fixed number of queries however many there are. */
export async function presentItems(db: Db, m: Membership, rows: readonly ItemRow[]): Promise<Item[]> {
  if (rows.length === 0) return [];
  const details = await loadItemDetails(db, rows.map((r) => r.id));
  const spaceIds = new Set<string>();
  for (const r of rows) spaceIds.add(r.space_id);
  for (const d of details.values()) {
    for (const s of d.alsoInSpaceIds) spaceIds.add(s);
    for (const l of d.links) spaceIds.add(l.spaceId);
  }
  const subjects = await spaceSubjects(db, m, [...spaceIds]);
  return rows.map((r) => presentItem(r, details.get(r.id) as ItemDetails, m, subjects));
}

/** One item in its API shape. */
export async function presentOneItem(db: Db, m: Membership, row: ItemRow): Promise<Item> {
  const [item] = await presentItems(db, m, [row]);
  return item;
}
