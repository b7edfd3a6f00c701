import { type Role, WeftError } from '@weft/domain';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { mayManageMember } from '../../policies/workspace.policy';
import { membershipOf } from '../../queries/access';
import { findMember } from '../../queries/members';
import { withTx } from '../../tx';
import { assertKeepsAnOwner } from './owners';

/**
 * Removes someone from a workspace, with their space and team memberships there. Anyone may leave;
 * removing someone else needs manageMembers and a role at least as strong as theirs. The last owner
 * can neither leave nor be removed.
 */
export async function removeMember(ctx: Ctx, workspaceId: string, userId: string): Promise<void> {
  await withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const m = await membershipOf(tx.db, ctx.actor, workspaceId);
    const target = await findMember(tx.db, workspaceId, userId);
    if (!target) throw new WeftError('MEMBER_NOT_FOUND', 'member not found');
    const self = userId === m.userId;
    if (!self && !mayManageMember(m, target.role as Role)) throw new WeftError('FORBIDDEN', `you may not remove an ${target.role}`);
    if (target.role === 'owner') await assertKeepsAnOwner(tx, workspaceId, userId);
    await tx.db
      .deleteFrom('space_members')
      .where('user_id', '=', userId)
      .where('space_id', 'in', (eb) => eb.selectFrom('spaces').select('id').where('workspace_id', '=', workspaceId))
      .execute();
    await tx.db
      .deleteFrom('team_members')
      .where('user_id', '=', userId)
      .where('team_id', 'in', (eb) => eb.selectFrom('teams').select('id').where('workspace_id', '=', workspaceId))
      .execute();
    await tx.db.deleteFrom('members').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).execute();
    await appendEvent(tx, { type: 'member.removed', workspaceId, data: { userId, role: target.role, left: self } });
  });
}
