import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { authorize } from '../../policies/policy';
import { workspacePolicy } from '../../policies/workspace.policy';
import { teamAccess } from '../../queries/members';
import { withTx } from '../../tx';

/** Disbands a team; its people stay in the workspace (team_members rows go with the team). */
export async function deleteTeam(ctx: Ctx, teamId: string): Promise<void> {
  await withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { team, m } = await teamAccess(tx.db, ctx.actor, teamId);
    authorize(workspacePolicy, 'team.delete', m, null, { canRead: true, notFound: 'TEAM_NOT_FOUND' });
    await tx.db.deleteFrom('team_members').where('team_id', '=', teamId).execute();
    await tx.db.deleteFrom('teams').where('id', '=', teamId).execute();
    await appendEvent(tx, { type: 'team.deleted', workspaceId: team.workspace_id, data: { teamId, name: team.name } });
  });
}
