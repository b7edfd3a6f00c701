import { type Role, UpdateMemberInput, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { mayGrantRole, mayManageMember } from '../../policies/workspace.policy';
import { presentMember } from '../../presenters/member';
import { findMember } from '../../queries/members';
import { membershipOf } from '../../queries/access';
import { withTx } from '../../tx';
import { requireVersion, versionConflict } from '../versioned';
import { assertKeepsAnOwner } from './owners';

/**
 * Changes a member's role. Nobody changes someone stronger than themselves or grants a role
 * stronger than their own (so only owners make or unmake owners), and the last owner stays one.
 */
export async function updateMemberRole(ctx: Ctx, workspaceId: string, userId: string, raw: z.input<typeof UpdateMemberInput>) {
  const input = UpdateMemberInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const m = await membershipOf(tx.db, ctx.actor, workspaceId);
    const target = await findMember(tx.db, workspaceId, userId);
    if (!target) throw new WeftError('MEMBER_NOT_FOUND', 'member not found');
    const from = target.role as Role;
    if (!mayManageMember(m, from)) throw new WeftError('FORBIDDEN', `you may not change the role of an ${from}`);
    if (!mayGrantRole(m, input.role)) throw new WeftError('FORBIDDEN', `you may not make someone ${input.role}`);
    const version = requireVersion(input.version);
    if (target.version !== version) versionConflict(presentMember(target, m));
    if (from === input.role) return { row: target, m };
    if (from === 'owner') await assertKeepsAnOwner(tx, workspaceId, userId);
    const updated = await tx.db
      .updateTable('members')
      .set({ role: input.role, version: version + 1 })
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      const current = await findMember(tx.db, workspaceId, userId);
      if (!current) throw new WeftError('MEMBER_NOT_FOUND', 'member not found');
      versionConflict(presentMember(current, m));
    }
    await appendEvent(tx, { type: 'member.role_changed', workspaceId, data: { userId, from, to: input.role } });
    const row = { ...target, role: input.role, version: version + 1 };
    // Changing your own role changes what you may do with the record you get back.
    return { row, m: userId === m.userId ? { ...m, role: input.role } : m };
  });
}
