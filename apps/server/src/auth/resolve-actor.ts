import { hashSecret } from '@weft/db';
import type { FastifyRequest } from 'fastify';
import type { Actor, Deps } from '../context';
import { accessCache, readAccessState, type SessionEntry, type TokenEntry, tagEpoch, tagMark } from './access-cache';

export const SESSION_COOKIE = 'weft_session';
export const TOKEN_PREFIX = 'weft_';

/**
 * Finds who is calling: a bearer API token (programs) or the session cookie (the web app).
 * Secrets are stored as SHA-256 hashes and looked up by hash, so comparison never touches the
 * plaintext and takes the same time whatever the input. Rows are served from the access cache
 * (auth/access-cache.ts) while the access epoch is unchanged: a revoked token, a deleted session
 * or a removed user bumps it, so the very next request is refused.
 */
export async function resolveActor(deps: Deps, req: FastifyRequest): Promise<Actor | null> {
  const nowMs = deps.clock.now().getTime();
  const authz = req.headers.authorization;
  const bearer = authz?.startsWith('Bearer ') ? authz.slice(7).trim() : null;
  const sid = bearer === null ? req.cookies?.[SESSION_COOKIE] : undefined;
  if (bearer === null && !sid) return null;
  if (bearer !== null && !bearer.startsWith(TOKEN_PREFIX)) return null;
  const db = deps.store.db;
  const cache = accessCache(db);
  const { epoch, mark } = cache ? await readAccessState(db, cache) : { epoch: -1, mark: null };
  const fresh = cache !== null && cache.epoch === epoch;

  if (bearer !== null) {
    const hash = hashSecret(bearer);
    let row: TokenEntry | undefined = fresh ? cache.tokens.get(hash) : undefined;
    if (!row) {
      row = await db
        .selectFrom('api_tokens')
        .select(['id', 'user_id', 'read_only', 'expires_at', 'revoked_at', 'last_used_at'])
        .where('token_hash', '=', hash)
        .executeTakeFirst();
      if (row && cache) cache.put(cache.tokens, epoch, hash, row);
    }
    if (!row || row.revoked_at || (row.expires_at && Date.parse(row.expires_at) <= nowMs)) return null;
    // Touch last-used at most once a minute: a write per request would halve read throughput.
    if (!row.last_used_at || nowMs - Date.parse(row.last_used_at) > 60_000) {
      const now = new Date(nowMs).toISOString();
      row.last_used_at = now;
      await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
    }
    return tagged({ userId: row.user_id, tokenId: row.id, readOnly: row.read_only === 1 }, epoch, mark);
  }
  const hash = hashSecret(sid as string);
  let s: SessionEntry | undefined = fresh ? cache.sessions.get(hash) : undefined;
  if (!s) {
    s = await db.selectFrom('sessions').select(['user_id', 'expires_at']).where('id', '=', hash).executeTakeFirst();
    if (s && cache) cache.put(cache.sessions, epoch, hash, s);
  }
  if (!s || Date.parse(s.expires_at) <= nowMs) return null;
  return tagged({ userId: s.user_id, tokenId: null, readOnly: false }, epoch, mark);
}

function tagged(actor: Actor, epoch: number, mark: string | null): Actor {
  if (epoch >= 0) tagEpoch(actor, epoch);
  tagMark(actor, mark);
  return actor;
}
