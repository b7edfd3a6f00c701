import { dialectOf, jsonArrayAgg, jsonValue, param, preparedQuery, type SpacesTable } from '@weft/db';
import { sql } from 'kysely';
import { WeftError } from '@weft/domain';
import type { Actor, Db, Membership } from '../../context';
import type { ItemSubject } from '../../policies/item.policy';
import { canReadSpace } from '../../policies/space.policy';
import { membershipOf, spaceSubject } from '../access';
import { ITEM_COLS, type ItemRow, parseItemKey } from './item-rows';

export type ItemAccess = { item: ItemRow; space: SpacesTable; m: Membership; subject: ItemSubject };

const notFound = () => new WeftError('ITEM_NOT_FOUND', 'item not found');

export const SPACE_COLS = ['id', 'workspace_id', 'key', 'name', 'kind', 'description', 'visibility', 'goal', 'start_date', 'target_date', 'lead_id', 'project_status', 'item_seq', 'archived_at', 'created_at', 'updated_at', 'version'] as const;

/**
 * Candidate item ids for an id or a key (`OPS-42`, any case), within the workspaces the actor is in,
 * in one query. Current keys come before former ones (kept in item_keys after a move), so a key
 * that was reused by a later move still resolves to the item that holds it now.
 */
export async function candidateIds(db: Db, actor: Actor, idOrKey: string): Promise<string[]> {
  const key = parseItemKey(idOrKey);
  if (!key) return [idOrKey];
  const rows = await candidatesByKey(db, [actor.userId, key.spaceKey, key.number, `${key.spaceKey}-${key.number}`]);
  return rows.map((r) => r.id);
}

/** Compiled once (see `preparedQuery`): [userId, spaceKey, number, 'KEY-n']. */
const candidatesByKey = preparedQuery<{ id: string }>((db) => {
  const mine = db.selectFrom('members').select('members.workspace_id').where('members.user_id', '=', param(0));
  return db
    .selectFrom('items')
    .innerJoin('spaces', 'spaces.id', 'items.space_id')
    .select(['items.id', sql<number>`0`.as('former')])
    .where('spaces.key', '=', param(1))
    .where('spaces.workspace_id', 'in', mine)
    .where('items.number', '=', param(2) as unknown as number)
    .unionAll(
      db
        .selectFrom('item_keys')
        .select(['item_keys.item_id as id', sql<number>`1`.as('former')])
        .where('item_keys.key', '=', param(3))
        .where('item_keys.workspace_id', 'in', db.selectFrom('members').select('members.workspace_id').where('members.user_id', '=', param(0))),
    )
    .orderBy('former')
    .orderBy('id');
});

/** The policy subject of an item for one member. */
export async function itemSubjectOf(db: Db, m: Membership, item: ItemRow, space: Pick<SpacesTable, 'id' | 'visibility'>): Promise<ItemSubject> {
  const [subject, assignees] = await Promise.all([
    spaceSubject(db, m, space),
    db.selectFrom('item_assignees').select('user_id').where('item_id', '=', item.id).execute(),
  ]);
  return { space: subject, createdBy: item.created_by, assigneeIds: assignees.map((a) => a.user_id) };
}

/**
 * The item row with its home space row and its assignees (what the policy needs), in one query:
 * the space's columns come back prefixed `s_`, the assignees as a JSON array.
 */
async function itemWithSpace(db: Db, id: string): Promise<{ item: ItemRow; space: SpacesTable; assigneeIds: string[] } | null> {
  const [row] = await itemWithSpaceQuery(db, [id]);
  if (!row) return null;
  const item = {} as Record<string, unknown>;
  const space = {} as Record<string, unknown>;
  for (const k in row) {
    if (k.startsWith('s_')) space[k.slice(2)] = row[k];
    else if (k !== 'assignee_ids') item[k] = row[k];
  }
  return { item: item as ItemRow, space: space as SpacesTable, assigneeIds: jsonValue<string[]>(row.assignee_ids) };
}

/** Compiled once (see `preparedQuery`): [itemId]. */
const itemWithSpaceQuery = preparedQuery<Record<string, unknown>>((db) =>
  db
    .selectFrom('items')
    .innerJoin('spaces', 'spaces.id', 'items.space_id')
    .select(ITEM_COLS)
    .select(SPACE_COLS.map((c) => `spaces.${c} as s_${c}` as const))
    .select(
      sql<unknown>`(select ${jsonArrayAgg(dialectOf(db), sql`a.user_id`, sql`a.user_id`)} from item_assignees a where a.item_id = items.id)`.as('assignee_ids'),
    )
    .where('items.id', '=', param(0)),
);

/**
 * Loads an item (by id or key, trashed ones included) with the actor's membership and policy
 * subject. Missing, in a workspace the actor is not in, or in a space they cannot read: 404 alike.
 * One query for the row (two by key); membership and space access come from the access cache.
 */
export async function loadItemAccess(db: Db, actor: Actor, idOrKey: string): Promise<ItemAccess> {
  for (const id of await candidateIds(db, actor, idOrKey)) {
    const found = await itemWithSpace(db, id);
    if (!found) continue;
    const { item, space, assigneeIds } = found;
    const m = await membershipOf(db, actor, item.workspace_id).catch(() => null);
    if (!m) continue;
    const subject: ItemSubject = { space: await spaceSubject(db, m, space), createdBy: item.created_by, assigneeIds };
    if (canReadSpace(m, subject.space)) return { item, space, m, subject };
  }
  throw notFound();
}
