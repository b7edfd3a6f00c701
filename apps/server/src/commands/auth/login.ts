import { hashSecret, newSecret } from '@weft/db';
import { LoginInput, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Deps } from '../../context';

let dummyHash: Promise<string> | null = null;

/** Checks the password and opens a session. Unknown emails cost the same time as wrong passwords. */
export async function login(deps: Deps, raw: z.input<typeof LoginInput>) {
  const input = LoginInput.parse(raw);
  const user = await deps.store.db.selectFrom('users').selectAll().where('email', '=', input.email).executeTakeFirst();
  if (!user) {
    dummyHash ??= deps.hasher.hash('weft-dummy-password');
    await deps.hasher.verify(await dummyHash, input.password);
    throw new WeftError('INVALID_CREDENTIALS', 'email or password is wrong');
  }
  if (!(await deps.hasher.verify(user.password_hash, input.password))) {
    throw new WeftError('INVALID_CREDENTIALS', 'email or password is wrong');
  }
  const sessionToken = newSecret();
  const now = deps.clock.now();
  const expires = new Date(now.getTime() + deps.config.sessionDays * 86_400_000).toISOString();
  await deps.store.db
    .insertInto('sessions')
    .values({ id: hashSecret(sessionToken), user_id: user.id, created_at: now.toISOString(), expires_at: expires })
    .execute();
  return { user, sessionToken, expires };
}

/** Ends one session (the cookie's). */
export async function logout(deps: Deps, sessionToken: string | undefined): Promise<void> {
  if (!sessionToken) return;
  await deps.store.db.deleteFrom('sessions').where('id', '=', hashSecret(sessionToken)).execute();
}
