import { hashSecret } from '@weft/db';
import { WeftError } from '@weft/domain';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { type Tx, withTx } from '../../tx';

/**
 * Joins the invite's workspace with its role (and its spaces, for guests). Used by sign-up and by
 * signed-in users following a link. An email-bound invite only admits that address.
 */
export async function acceptInviteTx(tx: Tx, userId: string, token: string, email: string) {
  const invite = await tx.db.selectFrom('invites').selectAll().where('token_hash', '=', hashSecret(token)).executeTakeFirst();
  if (!invite || invite.revoked_at) throw new WeftError('INVITE_NOT_FOUND', 'this invite link is not valid');
  if (invite.accepted_at || invite.expires_at <= tx.now) throw new WeftError('INVITE_EXPIRED', 'this invite link has expired or was already used');
  if (invite.email && invite.email.toLowerCase() !== email.toLowerCase()) {
    throw new WeftError('FORBIDDEN', 'this invite is for another email address');
  }
  const existing = await tx.db
    .selectFrom('members')
    .select('role')
    .where('workspace_id', '=', invite.workspace_id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!existing) {
    await tx.db.insertInto('members').values({ workspace_id: invite.workspace_id, user_id: userId, role: invite.role, created_at: tx.now, version: 1 }).execute();
    await appendEvent(tx, { type: 'member.joined', workspaceId: invite.workspace_id, data: { userId, role: invite.role, inviteId: invite.id } });
  }
  const spaceIds = JSON.parse(invite.space_ids) as string[];
  if (spaceIds.length > 0) {
    const valid = await tx.db.selectFrom('spaces').select('id').where('workspace_id', '=', invite.workspace_id).where('id', 'in', spaceIds).execute();
    for (const s of valid) {
      await tx.db.insertInto('space_members').values({ space_id: s.id, user_id: userId, created_at: tx.now }).onConflict((oc) => oc.doNothing()).execute();
    }
  }
  // Claim the invite with a guarded update: two people accepting the same link at once (separate
  // PostgreSQL connections) both passed the read above; only one update can match.
  const claimed = await tx.db
    .updateTable('invites')
    .set({ accepted_at: tx.now, accepted_by: userId })
    .where('id', '=', invite.id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) throw new WeftError('INVITE_EXPIRED', 'this invite link was just used');
  return { workspaceId: invite.workspace_id, role: existing?.role ?? invite.role };
}

export async function acceptInvite(ctx: Ctx, token: string) {
  const user = await ctx.deps.store.db.selectFrom('users').select('email').where('id', '=', ctx.actor.userId).executeTakeFirstOrThrow();
  return withTx(ctx.deps, ctx.actor.userId, (tx) => acceptInviteTx(tx, ctx.actor.userId, token, user.email));
}
