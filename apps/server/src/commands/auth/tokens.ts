import { hashSecret, newId, newSecret } from '@weft/db';
import { CreateTokenInput, WeftError } from '@weft/domain';
import type { z } from 'zod';
import { TOKEN_PREFIX } from '../../auth/resolve-actor';
import type { Ctx } from '../../context';

/** Creates a personal API token; the secret is returned once and stored only as a hash. */
export async function createToken(ctx: Ctx, raw: z.input<typeof CreateTokenInput>) {
  const input = CreateTokenInput.parse(raw);
  // A token cannot mint tokens stronger than itself: read-only tokens are refused upstream, and a
  // token minted through an expiring token expires no later than it (a leaked short-lived token
  // must not become a permanent one).
  let expiresAt = input.expiresAt ? new Date(input.expiresAt).toISOString() : null;
  if (ctx.actor.tokenId) {
    const caller = await ctx.deps.store.db.selectFrom('api_tokens').select('expires_at').where('id', '=', ctx.actor.tokenId).executeTakeFirst();
    if (caller?.expires_at && (expiresAt === null || expiresAt > caller.expires_at)) expiresAt = caller.expires_at;
  }
  const secret = `${TOKEN_PREFIX}${newSecret(24)}`;
  const row = {
    id: newId(),
    user_id: ctx.actor.userId,
    name: input.name,
    token_hash: hashSecret(secret),
    prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
    read_only: input.readOnly ? 1 : 0,
    created_at: ctx.deps.clock.now().toISOString(),
    last_used_at: null,
    expires_at: expiresAt,
    revoked_at: null,
  };
  await ctx.deps.store.db.insertInto('api_tokens').values(row).execute();
  return { row, secret };
}

export async function listTokens(ctx: Ctx) {
  return ctx.deps.store.db.selectFrom('api_tokens').selectAll().where('user_id', '=', ctx.actor.userId).orderBy('id', 'desc').execute();
}

/** Revokes one of the caller's own tokens; someone else's token answers 404. */
export async function revokeToken(ctx: Ctx, id: string) {
  const row = await ctx.deps.store.db
    .updateTable('api_tokens')
    .set({ revoked_at: ctx.deps.clock.now().toISOString() })
    .where('id', '=', id)
    .where('user_id', '=', ctx.actor.userId)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new WeftError('TOKEN_NOT_FOUND', 'token not found');
  return row;
}
