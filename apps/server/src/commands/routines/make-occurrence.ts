import type { RoutineOccurrencesTable, RoutinesTable } from '@weft/db';
import { CreateItemInput, type Role, renderTitle, type RoutineTemplate } from '@weft/domain';
import type { Ctx, Deps } from '../../context';
import { appendEvent } from '../../events/append';
import { canReadSpace } from '../../policies/space.policy';
import { json, templateOf } from '../../presenters/routines';
import type { Tx } from '../../tx';
import { createItemsTx } from '../items/create-item';

/** A per-occurrence change made before creation (EditOccurrenceInput). */
export type OccurrenceOverride = Partial<Pick<RoutineTemplate, 'title' | 'description' | 'priority' | 'assigneeIds'>>;

/** Members of the workspace among `ids` who can still see the space (removed people drop out). */
async function stillReaders(tx: Tx, r: RoutinesTable, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const space = await tx.db.selectFrom('spaces').select(['visibility']).where('id', '=', r.space_id).executeTakeFirstOrThrow();
  const rows = await tx.db
    .selectFrom('members')
    .leftJoin('space_members', (j) => j.onRef('space_members.user_id', '=', 'members.user_id').on('space_members.space_id', '=', r.space_id))
    .select(['members.user_id', 'members.role', 'space_members.space_id'])
    .where('members.workspace_id', '=', r.workspace_id)
    .where('members.user_id', 'in', ids)
    .execute();
  const ok = rows.filter((x) => canReadSpace({ workspaceId: r.workspace_id, userId: x.user_id, role: x.role as Role, readOnly: false }, { visibility: space.visibility, isSpaceMember: x.space_id !== null }));
  return new Set(ok.map((x) => x.user_id));
}

/**
 * Round-robin: the person after the previous pick in the rotation list, skipping anyone who is no
 * longer a member able to see the space. Following the previous *person* (not a counter) keeps the
 * order fair when someone is removed from the middle of the list.
 */
async function rotationPick(tx: Tx, r: RoutinesTable, readers: Set<string>): Promise<string | null> {
  const list = json<string[]>(r.rotation);
  if (list.length === 0) return null;
  const last = await tx.db
    .selectFrom('routine_occurrences')
    .select('assignee_id')
    .where('routine_id', '=', r.id)
    .where('state', '=', 'created')
    .where('assignee_id', 'is not', null)
    .orderBy('occurrence_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const start = last?.assignee_id ? list.indexOf(last.assignee_id) + 1 : 0;
  for (let i = 0; i < list.length; i++) {
    const candidate = list[(start + i) % list.length] as string;
    if (readers.has(candidate)) return candidate;
  }
  return null;
}

/** Is the most recent created occurrence before `before` still open (not done, canceled or trashed)? */
export async function previousStillOpen(tx: Tx, routineId: string, before: string): Promise<boolean> {
  const prev = await tx.db
    .selectFrom('routine_occurrences')
    .leftJoin('items', 'items.id', 'routine_occurrences.item_id')
    .select(['items.id as itemId', 'items.completed_at', 'items.deleted_at', 'items.status_category'])
    .where('routine_occurrences.routine_id', '=', routineId)
    .where('routine_occurrences.state', '=', 'created')
    .where('routine_occurrences.occurrence_at', '<', before)
    .orderBy('routine_occurrences.occurrence_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!prev?.itemId) return false;
  return prev.completed_at === null && prev.deleted_at === null && prev.status_category !== 'canceled';
}

/**
 * Creates the item of one claimed occurrence through the core item path (createItemsTx: number,
 * key, position, search index and `item.created` all as for any item), acting with the rights of
 * the routine's `run_as` user, then its subitems and checklist.
 */
export async function makeOccurrenceItem(tx: Tx, deps: Deps, r: RoutinesTable, occ: RoutineOccurrencesTable): Promise<{ itemId: string; key: string; assigneeId: string | null }> {
  const override = occ.override ? json<OccurrenceOverride>(occ.override) : {};
  const tpl = { ...templateOf(r), ...override };
  const readers = await stillReaders(tx, r, [...tpl.assigneeIds, ...json<string[]>(r.rotation)]);
  const pick = await rotationPick(tx, r, readers);
  const assigneeIds = [...new Set([...tpl.assigneeIds.filter((id) => readers.has(id)), ...(pick ? [pick] : [])])];
  const labelIds = tpl.labelIds.length
    ? (await tx.db.selectFrom('labels').select('id').where('workspace_id', '=', r.workspace_id).where('id', 'in', tpl.labelIds).execute()).map((l) => l.id)
    : [];
  const ctx: Ctx = { deps, actor: { userId: r.run_as, tokenId: null, readOnly: false }, requestId: `routine:${r.id}` };
  const input = CreateItemInput.parse({
    title: renderTitle(tpl.title, occ.local_date).slice(0, 500),
    description: tpl.description,
    type: tpl.type,
    priority: tpl.priority,
    assigneeIds,
    labelIds,
    fields: tpl.fields,
    dueAt: new Date(occ.due_at).toISOString(),
  });
  const { items } = await createItemsTx(tx, ctx, r.space_id, [input], false);
  const item = items[0] as (typeof items)[number];
  const children = [...tpl.subitems, ...tpl.checklist.map((title) => ({ title, description: '' }))];
  if (children.length) {
    const inputs = children.map((c) => CreateItemInput.parse({ title: renderTitle(c.title, occ.local_date).slice(0, 500), description: c.description ?? '', parentId: item.id }));
    await createItemsTx(tx, ctx, r.space_id, inputs, false);
  }
  await tx.db.updateTable('routine_occurrences').set({ item_id: item.id, assignee_id: pick, updated_at: tx.now }).where('id', '=', occ.id).execute();
  await appendEvent(tx, {
    type: 'routine.occurrence_created',
    workspaceId: r.workspace_id,
    spaceId: r.space_id,
    itemId: item.id,
    data: { routineId: r.id, routineName: r.name, occurrenceAt: new Date(occ.occurrence_at).toISOString(), dueAt: new Date(occ.due_at).toISOString(), key: item.key, assigneeId: pick },
  });
  return { itemId: item.id, key: item.key, assigneeId: pick };
}
