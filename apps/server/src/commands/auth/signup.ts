import { newId, newSecret, hashSecret, isUniqueViolation } from '@weft/db';
import { SignupInput, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Deps } from '../../context';
import { withTx } from '../../tx';
import { acceptInviteTx } from '../workspaces/accept-invite';

/**
 * Creates an account and its first session. With WEFT_SIGNUP=invite-only, only a valid invite
 * token opens the door; the invite is accepted in the same transaction.
 */
export async function signup(deps: Deps, raw: z.input<typeof SignupInput>) {
  const input = SignupInput.parse(raw);
  if (deps.config.signup === 'invite-only' && !input.inviteToken) {
    throw new WeftError('SIGNUP_CLOSED', 'sign-up is by invitation only on this server');
  }
  const passwordHash = await deps.hasher.hash(input.password);
  const id = newId();
  const sessionToken = newSecret();
  try {
    return await withTx(deps, id, async (tx) => {
      const user = {
        id,
        email: input.email,
        name: input.name,
        password_hash: passwordHash,
        time_zone: input.timeZone ?? 'UTC',
        created_at: tx.now,
        updated_at: tx.now,
        version: 1,
      };
      await tx.db.insertInto('users').values(user).execute();
      if (input.inviteToken) await acceptInviteTx(tx, id, input.inviteToken, input.email);
      const expires = new Date(Date.parse(tx.now) + deps.config.sessionDays * 86_400_000).toISOString();
      await tx.db.insertInto('sessions').values({ id: hashSecret(sessionToken), user_id: id, created_at: tx.now, expires_at: expires }).execute();
      return { user, sessionToken, expires };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new WeftError('EMAIL_TAKEN', 'an account with this email exists; log in instead');
    throw e;
  }
}
