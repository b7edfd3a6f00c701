import type { SpacesTable, StatusesTable } from '@weft/db';
import { type FieldError, type Role, WeftError } from '@weft/domain';
import { sql } from 'kysely';
import type { Db, Membership } from '../../context';
import { canReadSpace } from '../../policies/space.policy';
import { spaceSubjects } from '../../presenters/item';
import { type CheckedField, checkFieldValues } from './validate-fields';

/** The references an item create or update may carry; absent ones are not checked. */
export type ItemRefsInput = {
  type?: string;
  statusId?: string;
  assigneeIds?: string[];
  ownerId?: string | null;
  labelIds?: string[];
  parentId?: string | null;
  fields?: Record<string, unknown>;
};

export type CheckedRefs = { status: StatusesTable | null; fields: CheckedField[] };

/** A calendar date stays as written; an instant is stored as UTC ISO. */
export function normalizeDate(v: string | null | undefined): string | null | undefined {
  if (v === undefined || v === null) return v;
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : new Date(v).toISOString();
}

/** Users who are workspace members and may read the space (assignees and owners must be). */
export async function spaceReaders(db: Db, space: Pick<SpacesTable, 'id' | 'workspace_id' | 'visibility'>, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('members')
    .leftJoin('space_members', (j) => j.onRef('space_members.user_id', '=', 'members.user_id').on('space_members.space_id', '=', space.id))
    .select(['members.user_id', 'members.role', 'space_members.space_id'])
    .where('members.workspace_id', '=', space.workspace_id)
    .where('members.user_id', 'in', ids)
    .execute();
  const ok = rows.filter((r) =>
    canReadSpace({ workspaceId: space.workspace_id, userId: r.user_id, role: r.role as Role, readOnly: false }, { visibility: space.visibility, isSpaceMember: r.space_id !== null }),
  );
  return new Set(ok.map((r) => r.user_id));
}

/** Would making `parentId` the parent of `itemId` close a loop? Walks up from the new parent. */
export async function parentWouldCycle(db: Db, itemId: string, parentId: string): Promise<boolean> {
  if (itemId === parentId) return true;
  const { rows } = await sql<{ id: string }>`
    with recursive up (id, parent_id) as (
      select id, parent_id from items where id = ${parentId}
      union
      select items.id, items.parent_id from items inner join up on items.id = up.parent_id
    )
    select id from up where id = ${itemId}`.execute(db);
  return rows.length > 0;
}

/**
 * Checks every reference of an item against its workspace and home space, collecting all
 * problems into one 400 (each at its body path) so a client can fix them in one go.
 */
export async function checkItemRefs(db: Db, space: SpacesTable, m: Membership, input: ItemRefsInput, itemId?: string): Promise<CheckedRefs> {
  const errors: FieldError[] = [];
  const ws = space.workspace_id;
  let status: StatusesTable | null = null;
  if (input.type !== undefined) {
    const t = await db.selectFrom('item_types').select('key').where('workspace_id', '=', ws).where('key', '=', input.type).executeTakeFirst();
    if (!t) errors.push({ path: 'body.type', message: `no item type "${input.type}" in this workspace` });
  }
  if (input.statusId !== undefined) {
    status = (await db.selectFrom('statuses').selectAll().where('id', '=', input.statusId).where('space_id', '=', space.id).executeTakeFirst()) ?? null;
    if (!status) errors.push({ path: 'body.statusId', message: 'not a status of this space' });
  }
  const people = [...(input.assigneeIds ?? []), ...(input.ownerId ? [input.ownerId] : [])];
  const readers = await spaceReaders(db, space, [...new Set(people)]);
  const badAssignees = (input.assigneeIds ?? []).filter((id) => !readers.has(id));
  if (badAssignees.length) errors.push({ path: 'body.assigneeIds', message: `not members who can see this space: ${badAssignees.join(', ')}` });
  if (input.ownerId && !readers.has(input.ownerId)) errors.push({ path: 'body.ownerId', message: 'not a member who can see this space' });
  if (input.labelIds?.length) {
    const found = new Set((await db.selectFrom('labels').select('id').where('workspace_id', '=', ws).where('id', 'in', input.labelIds).execute()).map((r) => r.id));
    const bad = input.labelIds.filter((id) => !found.has(id));
    if (bad.length) errors.push({ path: 'body.labelIds', message: `no such labels in this workspace: ${bad.join(', ')}` });
  }
  if (input.parentId) {
    const parent = await db.selectFrom('items').select(['id', 'workspace_id', 'space_id', 'deleted_at']).where('id', '=', input.parentId).executeTakeFirst();
    const readable = parent && parent.workspace_id === ws && canReadSpace(m, (await spaceSubjects(db, m, [parent.space_id])).get(parent.space_id) ?? { visibility: 'members', isSpaceMember: false });
    if (!parent || !readable) errors.push({ path: 'body.parentId', message: 'no such item in this workspace' });
    else if (parent.deleted_at) errors.push({ path: 'body.parentId', message: 'the parent is in the trash' });
    else if (itemId && (await parentWouldCycle(db, itemId, parent.id))) {
      throw new WeftError('PARENT_CYCLE', 'an item cannot be a subitem of itself or of its own subitems', { fields: [{ path: 'body.parentId', message: 'would form a cycle' }] });
    }
  }
  let fields: CheckedField[] = [];
  if (input.fields) {
    const r = await checkFieldValues(db, ws, space.id, input.fields);
    fields = r.checked;
    errors.push(...r.errors);
  }
  if (errors.length) throw new WeftError('VALIDATION_FAILED', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { fields: errors });
  return { status, fields };
}
