import { newId } from '@weft/db';
import { CreateTeamInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { authorize } from '../../policies/policy';
import { workspacePolicy } from '../../policies/workspace.policy';
import { membershipOf } from '../../queries/access';
import { withTx } from '../../tx';
import { checkTeamMembers, setTeamMembers } from './team-members';

/** Forms a team of workspace members (admins and owners). */
export async function createTeam(ctx: Ctx, workspaceId: string, raw: z.input<typeof CreateTeamInput>) {
  const input = CreateTeamInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const m = await membershipOf(tx.db, ctx.actor, workspaceId);
    authorize(workspacePolicy, 'team.create', m, null, { canRead: true, notFound: 'WORKSPACE_NOT_FOUND' });
    const memberIds = await checkTeamMembers(tx, workspaceId, input.memberIds);
    const team = { id: newId(), workspace_id: workspaceId, name: input.name, created_at: tx.now, updated_at: tx.now, version: 1 };
    await tx.db.insertInto('teams').values(team).execute();
    await setTeamMembers(tx, team.id, memberIds);
    await appendEvent(tx, { type: 'team.created', workspaceId, data: { teamId: team.id, name: team.name, memberIds } });
    return { team, memberIds, m };
  });
}
