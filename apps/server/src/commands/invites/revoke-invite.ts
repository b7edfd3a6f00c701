import { WeftError } from '@weft/domain';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { workspacePolicy } from '../../policies/workspace.policy';
import { membershipOf } from '../../queries/access';
import { canSeeInvite } from '../../queries/members';
import { withTx } from '../../tx';

/**
 * Revokes an invite link: admins any, others the ones they sent (the rest are not theirs to see).
 * Revoking twice is harmless; a link already used cannot be revoked (remove the member instead).
 */
export async function revokeInvite(ctx: Ctx, workspaceId: string, inviteId: string) {
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const m = await membershipOf(tx.db, ctx.actor, workspaceId);
    const invite = await tx.db.selectFrom('invites').selectAll().where('id', '=', inviteId).where('workspace_id', '=', workspaceId).executeTakeFirst();
    if (!invite || !canSeeInvite(m, invite.created_by)) throw new WeftError('INVITE_NOT_FOUND', 'invite not found');
    const mayRevoke = workspacePolicy['workspace.manageMembers'](m, null) || (invite.created_by === m.userId && !m.readOnly);
    if (!mayRevoke) throw new WeftError(m.readOnly ? 'TOKEN_READ_ONLY' : 'FORBIDDEN', 'you may not revoke this invite');
    if (invite.revoked_at) return invite;
    if (invite.accepted_at) throw new WeftError('INVITE_EXPIRED', 'this invite was already used; remove the member instead');
    // Guarded so a link accepted a moment ago is not reported as revoked.
    const row = await tx.db
      .updateTable('invites')
      .set({ revoked_at: tx.now })
      .where('id', '=', inviteId)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new WeftError('INVITE_EXPIRED', 'this invite was just used or revoked');
    await appendEvent(tx, { type: 'invite.revoked', workspaceId, data: { inviteId } });
    return row;
  });
}
