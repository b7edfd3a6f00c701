import { WeftError } from '@weft/domain';
import type { Tx } from '../../tx';

/** A team holds only people of its workspace; each stranger is named by its place in the list. */
export async function checkTeamMembers(tx: Tx, workspaceId: string, memberIds: string[]): Promise<string[]> {
  const ids = [...new Set(memberIds)];
  if (ids.length === 0) return ids;
  const found = new Set(
    (await tx.db.selectFrom('members').select('user_id').where('workspace_id', '=', workspaceId).where('user_id', 'in', ids).execute()).map((r) => r.user_id),
  );
  const fields = memberIds.flatMap((id, i) => (found.has(id) ? [] : [{ path: `body.memberIds.${i}`, message: 'not a member of this workspace' }]));
  if (fields.length > 0) throw new WeftError('VALIDATION_FAILED', `${fields[0].path}: not a member of this workspace`, { fields });
  return ids.sort();
}

/** Replaces a team's members with exactly `ids`. */
export async function setTeamMembers(tx: Tx, teamId: string, ids: string[]): Promise<void> {
  await tx.db.deleteFrom('team_members').where('team_id', '=', teamId).execute();
  if (ids.length > 0) await tx.db.insertInto('team_members').values(ids.map((user_id) => ({ team_id: teamId, user_id }))).execute();
}
