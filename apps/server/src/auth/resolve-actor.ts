import { hashSecret } from '@weft/db';
import type { FastifyRequest } from 'fastify';
import type { Actor, Deps } from '../context';

export const SESSION_COOKIE = 'weft_session';
export const TOKEN_PREFIX = 'weft_';

/**
 * Finds who is calling: a bearer API token (programs) or the session cookie (the web app).
 * Secrets are stored as SHA-256 hashes and looked up by hash, so comparison never touches the
 * plaintext and takes the same time whatever the input.
 */
export async function resolveActor(deps: Deps, req: FastifyRequest): Promise<Actor | null> {
  const now = deps.clock.now().toISOString();
  const authz = req.headers.authorization;
  if (authz?.startsWith('Bearer ')) {
    const token = authz.slice(7).trim();
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const row = await deps.store.db
      .selectFrom('api_tokens')
      .select(['id', 'user_id', 'read_only', 'expires_at', 'revoked_at', 'last_used_at'])
      .where('token_hash', '=', hashSecret(token))
      .executeTakeFirst();
    if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now)) return null;
    // Touch last-used at most once a minute: a write per request would halve read throughput.
    if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > 60_000) {
      await deps.store.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
    }
    return { userId: row.user_id, tokenId: row.id, readOnly: row.read_only === 1 };
  }
  const sid = req.cookies?.[SESSION_COOKIE];
  if (!sid) return null;
  const s = await deps.store.db
    .selectFrom('sessions')
    .select(['user_id', 'expires_at'])
    .where('id', '=', hashSecret(sid))
    .executeTakeFirst();
  if (!s || s.expires_at <= now) return null;
  return { userId: s.user_id, tokenId: null, readOnly: false };
}
