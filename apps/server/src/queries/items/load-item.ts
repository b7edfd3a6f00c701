import type { SpacesTable } from '@weft/db';
import { WeftError } from '@weft/domain';
import type { Actor, Db, Membership } from '../../context';
import type { ItemSubject } from '../../policies/item.policy';
import { canReadSpace } from '../../policies/space.policy';
import { membershipOf, spaceSubject } from '../access';
import { type ItemRow, parseItemKey } from './item-rows';

export type ItemAccess = { item: ItemRow; space: SpacesTable; m: Membership; subject: ItemSubject };

const notFound = () => new WeftError('ITEM_NOT_FOUND', 'item not found');

/**
 * Candidate item ids for an id or a key (`OPS-42`, any case), within the workspaces the actor is in.
 * Current keys come before former ones (kept in item_keys after a move), so a key that was reused
 * by a later move still resolves to the item that holds it now.
 */
async function candidateIds(db: Db, actor: Actor, idOrKey: string): Promise<string[]> {
  const key = parseItemKey(idOrKey);
  if (!key) return [idOrKey];
  const mine = db.selectFrom('members').select('members.workspace_id').where('members.user_id', '=', actor.userId);
  const [current, former] = await Promise.all([
    db
      .selectFrom('items')
      .innerJoin('spaces', 'spaces.id', 'items.space_id')
      .select('items.id')
      .where('spaces.key', '=', key.spaceKey)
      .where('spaces.workspace_id', 'in', mine)
      .where('items.number', '=', key.number)
      .orderBy('items.id')
      .execute(),
    db
      .selectFrom('item_keys')
      .select('item_keys.item_id as id')
      .where('item_keys.key', '=', `${key.spaceKey}-${key.number}`)
      .where('item_keys.workspace_id', 'in', mine)
      .orderBy('item_keys.item_id')
      .execute(),
  ]);
  return [...current, ...former].map((r) => r.id);
}

/** The policy subject of an item for one member. */
export async function itemSubjectOf(db: Db, m: Membership, item: ItemRow, space: Pick<SpacesTable, 'id' | 'visibility'>): Promise<ItemSubject> {
  const [subject, assignees] = await Promise.all([
    spaceSubject(db, m, space),
    db.selectFrom('item_assignees').select('user_id').where('item_id', '=', item.id).execute(),
  ]);
  return { space: subject, createdBy: item.created_by, assigneeIds: assignees.map((a) => a.user_id) };
}

/**
 * Loads an item (by id or key, trashed ones included) with the actor's membership and policy
 * subject. Missing, in a workspace the actor is not in, or in a space they cannot read: 404 alike.
 */
export async function loadItemAccess(db: Db, actor: Actor, idOrKey: string): Promise<ItemAccess> {
  for (const id of await candidateIds(db, actor, idOrKey)) {
    const item = await db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst();
    if (!item) continue;
    const m = await membershipOf(db, actor, item.workspace_id).catch(() => null);
    if (!m) continue;
    const space = await db.selectFrom('spaces').selectAll().where('id', '=', item.space_id).executeTakeFirstOrThrow();
    const subject = await itemSubjectOf(db, m, item, space);
    if (canReadSpace(m, subject.space)) return { item, space, m, subject };
  }
  throw notFound();
}
