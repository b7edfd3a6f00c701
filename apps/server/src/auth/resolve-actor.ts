import { changeMark, hashSecret } from '@weft/db';
import type { FastifyRequest } from 'fastify';
import type { Actor, Deps } from '../context';
import { accessCache, readAccessState, type SessionEntry, type TokenEntry, tagEpoch, tagMark } from './access-cache';

export const SESSION_COOKIE = 'weft_session';
export const TOKEN_PREFIX = 'weft_';

/** What the request presents: a bearer API token, a session cookie, or nothing usable. */
type Credential = { kind: 'token' | 'session'; hash: string } | null;

function credentialOf(req: FastifyRequest): Credential {
  const authz = req.headers.authorization;
  const bearer = authz?.startsWith('Bearer ') ? authz.slice(7).trim() : null;
  if (bearer !== null) return bearer.startsWith(TOKEN_PREFIX) ? { kind: 'token', hash: hashSecret(bearer) } : null;
  const sid = req.cookies?.[SESSION_COOKIE];
  return sid ? { kind: 'session', hash: hashSecret(sid) } : null;
}

/** Touch a token's last use at most once a minute: a write per request would halve read throughput. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Finds who is calling: a bearer API token (programs) or the session cookie (the web app).
 * Secrets are stored as SHA-256 hashes and looked up by hash, so comparison never touches the
 * plaintext and takes the same time whatever the input. Rows are served from the access cache
 * (auth/access-cache.ts) while the access epoch is unchanged: a revoked token, a deleted session
 * or a removed user bumps it, so the very next request is refused.
 */
export async function resolveActor(deps: Deps, req: FastifyRequest): Promise<Actor | null> {
  const cred = credentialOf(req);
  if (cred === null) return null;
  const quick = fromCache(deps, cred);
  if (quick !== undefined) return quick;
  const nowMs = deps.clock.now().getTime();
  const db = deps.store.db;
  const cache = accessCache(db);
  const { epoch, mark } = cache ? await readAccessState(db, cache) : { epoch: -1, mark: null };
  const fresh = cache !== null && cache.epoch === epoch;

  if (cred.kind === 'token') {
    let row: TokenEntry | undefined = fresh ? cache.tokens.get(cred.hash) : undefined;
    if (!row) {
      row = await db
        .selectFrom('api_tokens')
        .select(['id', 'user_id', 'read_only', 'expires_at', 'revoked_at', 'last_used_at'])
        .where('token_hash', '=', cred.hash)
        .executeTakeFirst();
      if (row && cache) cache.put(cache.tokens, epoch, cred.hash, row);
    }
    if (!row || !tokenUsable(row, nowMs)) return null;
    if (needsTouch(row, nowMs)) {
      const now = new Date(nowMs).toISOString();
      row.last_used_at = now;
      await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
    }
    return tagged({ userId: row.user_id, tokenId: row.id, readOnly: row.read_only === 1 }, epoch, mark);
  }
  let s: SessionEntry | undefined = fresh ? cache.sessions.get(cred.hash) : undefined;
  if (!s) {
    s = await db.selectFrom('sessions').select(['user_id', 'expires_at']).where('id', '=', cred.hash).executeTakeFirst();
    if (s && cache) cache.put(cache.sessions, epoch, cred.hash, s);
  }
  if (!s || Date.parse(s.expires_at) <= nowMs) return null;
  return tagged({ userId: s.user_id, tokenId: null, readOnly: false }, epoch, mark);
}

/**
 * The caller from memory alone, synchronously (no promise, no database statement but the change
 * mark), when that is enough to be sure: the database is unchanged since the access epoch was
 * last read and the credential's row is cached under it. Undefined: ask `resolveActor`. The auth
 * hook tries this first; a cached read then runs without a single await.
 */
export function resolveActorNow(deps: Deps, req: FastifyRequest): Actor | null | undefined {
  const cred = credentialOf(req);
  return cred === null ? null : fromCache(deps, cred);
}

function fromCache(deps: Deps, cred: NonNullable<Credential>): Actor | null | undefined {
  const db = deps.store.db;
  const cache = accessCache(db);
  if (!cache) return undefined;
  const mark = changeMark(db);
  if (mark === null || mark !== cache.mark) return undefined;
  const nowMs = deps.clock.now().getTime();
  if (cred.kind === 'token') {
    const row = cache.tokens.get(cred.hash);
    if (!row || needsTouch(row, nowMs)) return undefined;
    if (!tokenUsable(row, nowMs)) return null;
    return tagged({ userId: row.user_id, tokenId: row.id, readOnly: row.read_only === 1 }, cache.epoch, mark);
  }
  const s = cache.sessions.get(cred.hash);
  if (!s) return undefined;
  if (Date.parse(s.expires_at) <= nowMs) return null;
  return tagged({ userId: s.user_id, tokenId: null, readOnly: false }, cache.epoch, mark);
}

const tokenUsable = (row: TokenEntry, nowMs: number) => !row.revoked_at && !(row.expires_at && Date.parse(row.expires_at) <= nowMs);
const needsTouch = (row: TokenEntry, nowMs: number) => !row.last_used_at || nowMs - Date.parse(row.last_used_at) > TOUCH_EVERY_MS;

function tagged(actor: Actor, epoch: number, mark: string | null): Actor {
  if (epoch >= 0) tagEpoch(actor, epoch);
  tagMark(actor, mark);
  return actor;
}
