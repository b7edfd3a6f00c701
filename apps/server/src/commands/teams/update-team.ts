import { UpdateTeamInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { authorize } from '../../policies/policy';
import { workspacePolicy } from '../../policies/workspace.policy';
import { presentTeam } from '../../presenters/team';
import { teamAccess, teamMemberIds } from '../../queries/members';
import { withTx } from '../../tx';
import { requireVersion, versionConflict } from '../versioned';
import { checkTeamMembers, setTeamMembers } from './team-members';

/** Renames a team or replaces its members, from the version the caller saw. */
export async function updateTeam(ctx: Ctx, teamId: string, raw: z.input<typeof UpdateTeamInput>) {
  const input = UpdateTeamInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { team, m } = await teamAccess(tx.db, ctx.actor, teamId);
    authorize(workspacePolicy, 'team.update', m, null, { canRead: true, notFound: 'TEAM_NOT_FOUND' });
    const version = requireVersion(input.version);
    const memberIds = input.memberIds === undefined ? undefined : await checkTeamMembers(tx, team.workspace_id, input.memberIds);
    const updated = await tx.db
      .updateTable('teams')
      .set({ ...(input.name !== undefined ? { name: input.name } : {}), updated_at: tx.now, version: version + 1 })
      .where('id', '=', teamId)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) {
      const current = (await teamMemberIds(tx.db, [teamId])).get(teamId) ?? [];
      versionConflict(presentTeam(team, current, m));
    }
    if (memberIds !== undefined) await setTeamMembers(tx, teamId, memberIds);
    await appendEvent(tx, { type: 'team.updated', workspaceId: team.workspace_id, data: { teamId, name: input.name, memberIds } });
    const finalIds = memberIds ?? (await teamMemberIds(tx.db, [teamId])).get(teamId) ?? [];
    return { team: updated, memberIds: finalIds, m };
  });
}
