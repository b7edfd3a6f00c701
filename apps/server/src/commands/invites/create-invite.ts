import { hashSecret, newId, newSecret } from '@weft/db';
import { CreateInviteInput, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Config } from '../../config';
import type { Ctx, Membership } from '../../context';
import { appendEvent } from '../../events/append';
import { authorize } from '../../policies/policy';
import { canReadSpace, spacePolicy } from '../../policies/space.policy';
import { mayGrantRole, workspacePolicy } from '../../policies/workspace.policy';
import { membershipOf, spaceSubject } from '../../queries/access';
import { type Tx, withTx } from '../../tx';

/** The link people follow; the token is the secret, so it appears only in this one response. */
export function inviteUrl(config: Config, token: string): string {
  const base = (config.publicUrl ?? `http://${config.host}:${config.port}`).replace(/\/+$/, '');
  return `${base}/invite/${token}`;
}

/**
 * Spaces an invite grants access to must be ones the inviter can see (else "not found", naming the
 * entry) and may add people to.
 */
async function checkInviteSpaces(tx: Tx, m: Membership, spaceIds: string[]): Promise<void> {
  for (const [i, id] of spaceIds.entries()) {
    const space = await tx.db.selectFrom('spaces').select(['id', 'visibility']).where('id', '=', id).where('workspace_id', '=', m.workspaceId).executeTakeFirst();
    const subject = space ? await spaceSubject(tx.db, m, space) : null;
    if (!subject || !canReadSpace(m, subject)) {
      throw new WeftError('SPACE_NOT_FOUND', `space ${id} not found`, { fields: [{ path: `body.spaceIds.${i}`, message: 'no such space' }] });
    }
    authorize(spacePolicy, 'space.manageMembers', m, subject, { canRead: true, notFound: 'SPACE_NOT_FOUND' });
  }
}

/** Creates an invite link with a role (never stronger than the inviter's) and optional space access. */
export async function createInvite(ctx: Ctx, workspaceId: string, raw: z.input<typeof CreateInviteInput>) {
  const input = CreateInviteInput.parse(raw);
  const token = newSecret();
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const m = await membershipOf(tx.db, ctx.actor, workspaceId);
    authorize(workspacePolicy, 'workspace.invite', m, null, { canRead: true, notFound: 'WORKSPACE_NOT_FOUND' });
    if (!mayGrantRole(m, input.role)) throw new WeftError('FORBIDDEN', `you may not invite someone as ${input.role}`);
    const spaceIds = [...new Set(input.spaceIds ?? [])];
    await checkInviteSpaces(tx, m, spaceIds);
    const row = {
      id: newId(),
      workspace_id: workspaceId,
      token_hash: hashSecret(token),
      role: input.role,
      email: input.email?.toLowerCase() ?? null,
      space_ids: JSON.stringify(spaceIds),
      created_by: m.userId,
      created_at: tx.now,
      expires_at: new Date(Date.parse(tx.now) + input.expiresInDays * 86_400_000).toISOString(),
      accepted_at: null,
      accepted_by: null,
      revoked_at: null,
    };
    await tx.db.insertInto('invites').values(row).execute();
    await appendEvent(tx, { type: 'invite.created', workspaceId, data: { inviteId: row.id, role: row.role, email: row.email, spaceIds } });
    return { row, token, url: inviteUrl(ctx.deps.config, token) };
  });
}
