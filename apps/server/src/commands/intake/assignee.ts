import type { IntakeFormsTable, SpacesTable } from '@weft/db';
import { type AssigneeRule, CLOSED_CATEGORIES, type Role } from '@weft/domain';
import { canReadSpace } from '../../policies/space.policy';
import { parseJson } from '../../presenters/intake';
import type { Tx } from '../../tx';

/** Of these users, those who are workspace members able to read the space, in the given order. */
async function readersAmong(tx: Tx, space: SpacesTable, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.db
    .selectFrom('members')
    .leftJoin('space_members', (j) => j.onRef('space_members.user_id', '=', 'members.user_id').on('space_members.space_id', '=', space.id))
    .select(['members.user_id', 'members.role', 'space_members.space_id'])
    .where('members.workspace_id', '=', space.workspace_id)
    .where('members.user_id', 'in', [...new Set(ids)])
    .execute();
  const ok = new Set(
    rows
      .filter((r) => canReadSpace({ workspaceId: space.workspace_id, userId: r.user_id, role: r.role as Role, readOnly: false }, { visibility: space.visibility, isSpaceMember: r.space_id !== null }))
      .map((r) => r.user_id),
  );
  return ids.filter((id, i) => ok.has(id) && ids.indexOf(id) === i);
}

/**
 * Who a new submission is assigned to. People who left the workspace or cannot see the space are
 * skipped (a submission never fails over its assignee). Round robin bumps the form's turn counter
 * with one atomic update, so concurrent submissions take different turns.
 */
export async function pickAssignee(tx: Tx, form: IntakeFormsTable, space: SpacesTable): Promise<string[]> {
  const rule = parseJson<AssigneeRule>(form.assignee_rule, { kind: 'none' });
  switch (rule.kind) {
    case 'fixed':
      return readersAmong(tx, space, [rule.userId]);
    case 'round_robin': {
      const { rr_turn } = await tx.db
        .updateTable('intake_forms')
        .set((eb) => ({ rr_turn: eb('rr_turn', '+', 1) }))
        .where('id', '=', form.id)
        .returning('rr_turn')
        .executeTakeFirstOrThrow();
      const people = await readersAmong(tx, space, rule.userIds);
      return people.length ? [people[(Number(rr_turn) - 1) % people.length]] : [];
    }
    case 'least_loaded': {
      const team = (await tx.db.selectFrom('team_members').select('user_id').where('team_id', '=', rule.teamId).orderBy('user_id').execute()).map((r) => r.user_id);
      const people = await readersAmong(tx, space, team);
      if (people.length === 0) return [];
      const loads = await tx.db
        .selectFrom('item_assignees as a')
        .innerJoin('items as i', 'i.id', 'a.item_id')
        .select(['a.user_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('a.user_id', 'in', people)
        .where('i.workspace_id', '=', space.workspace_id)
        .where('i.deleted_at', 'is', null)
        .where('i.status_category', 'not in', [...CLOSED_CATEGORIES])
        .groupBy('a.user_id')
        .execute();
      const load = new Map(loads.map((r) => [r.user_id, Number(r.n)]));
      // Fewest open items first; ties go to the lowest user id, so the choice is reproducible.
      const best = [...people].sort((a, b) => (load.get(a) ?? 0) - (load.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0))[0];
      return [best];
    }
    default:
      return [];
  }
}
