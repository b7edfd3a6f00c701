import { WeftError } from '@weft/domain';
import type { Db, Membership } from '../../context';
import { canReadSpace } from '../../policies/space.policy';
import { spaceSubjects } from '../../presenters/item';
import type { ItemRow } from '../../queries/items/item-rows';
import type { Tx } from '../../tx';

/**
 * The item's other homes after an update that sends `requested`. The actor can only add or remove
 * spaces they can read; homes in spaces hidden from them are kept as they are.
 */
export async function nextHomes(db: Db, m: Membership, item: ItemRow, current: readonly string[], requested: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(requested)];
  const spaces = wanted.length ? await db.selectFrom('spaces').select(['id', 'workspace_id']).where('id', 'in', wanted).execute() : [];
  const subjects = await spaceSubjects(db, m, [...wanted, ...current]);
  const readable = (id: string) => canReadSpace(m, subjects.get(id) ?? { visibility: 'members', isSpaceMember: false });
  const bad = wanted.filter((id) => id === item.space_id || !spaces.some((s) => s.id === id && s.workspace_id === item.workspace_id) || !readable(id));
  if (bad.length) {
    throw new WeftError('VALIDATION_FAILED', 'alsoInSpaceIds must be other spaces of this workspace that you can see', {
      fields: [{ path: 'body.alsoInSpaceIds', message: `not usable: ${bad.join(', ')}` }],
    });
  }
  return [...new Set([...current.filter((id) => !readable(id)), ...wanted])].sort();
}

/** Writes the difference between the current and next set of other homes. */
export async function writeHomes(tx: Tx, itemId: string, current: readonly string[], next: readonly string[]): Promise<void> {
  const removed = current.filter((id) => !next.includes(id));
  const added = next.filter((id) => !current.includes(id));
  if (removed.length) await tx.db.deleteFrom('item_homes').where('item_id', '=', itemId).where('space_id', 'in', removed).execute();
  if (added.length) await tx.db.insertInto('item_homes').values(added.map((space_id) => ({ item_id: itemId, space_id }))).execute();
}
