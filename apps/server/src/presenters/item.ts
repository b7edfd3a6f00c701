import type { Item } from '@weft/domain';
import { epochFor } from '../auth/access-cache';
import type { Db, Membership } from '../context';
import type { ItemSubject } from '../policies/item.policy';
import { itemPolicy } from '../policies/item.policy';
import { abilitiesOf } from '../policies/policy';
import { canReadSpace, type SpaceSubject } from '../policies/space.policy';
import type { ItemRow } from '../queries/items/item-rows';
import { type ItemDetails, inChunks, loadItemDetails, priorityName } from './item-details';

export { type FieldValue, fieldValueOf, type ItemDetails, inChunks, loadItemDetails, priorityName } from './item-details';

/**
 * How the actor relates to each of these spaces (visibility and membership): from the access cache
 * when it is current (see auth/access-cache.ts), else in one query per chunk.
 */
export async function spaceSubjects(db: Db, m: Membership, spaceIds: readonly string[]): Promise<Map<string, SpaceSubject>> {
  const out = new Map<string, SpaceSubject>();
  const c = await epochFor(db, m);
  const current = c !== null && c.epoch === c.cache.epoch;
  const missing: string[] = [];
  for (const id of new Set(spaceIds)) {
    const space = current ? c.cache.spaces.get(id) : undefined;
    const member = current ? c.cache.spaceMembers.get(`${id}\u0000${m.userId}`) : undefined;
    if (space && member !== undefined) out.set(id, { visibility: space.visibility, isSpaceMember: member });
    else missing.push(id);
  }
  if (missing.length === 0) return out;
  const rows = await inChunks(missing, (chunk) =>
    db
      .selectFrom('spaces')
      .leftJoin('space_members', (j) => j.onRef('space_members.space_id', '=', 'spaces.id').on('space_members.user_id', '=', m.userId))
      .select(['spaces.id', 'spaces.workspace_id', 'spaces.visibility', 'space_members.user_id'])
      .where('spaces.id', 'in', chunk)
      .execute(),
  );
  for (const r of rows) {
    out.set(r.id, { visibility: r.visibility, isSpaceMember: r.user_id !== null });
    if (c) {
      c.cache.put(c.cache.spaces, c.epoch, r.id, { workspace_id: r.workspace_id, visibility: r.visibility });
      c.cache.put(c.cache.spaceMembers, c.epoch, `${r.id}\u0000${m.userId}`, r.user_id !== null);
    }
  }
  return out;
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

/** One item whose details are already loaded (the one-statement read, queries/items/read-item.ts). */
export async function presentItemWithDetails(db: Db, m: Membership, row: ItemRow, d: ItemDetails): Promise<Item> {
  const spaceIds = [row.space_id, ...d.alsoInSpaceIds];
  for (const l of d.links) spaceIds.push(l.spaceId);
  return presentItem(row, d, m, await spaceSubjects(db, m, spaceIds));
}

/** One item in its API shape. */
export async function presentOneItem(db: Db, m: Membership, row: ItemRow): Promise<Item> {
  const [item] = await presentItems(db, m, [row]);
  return item;
}
