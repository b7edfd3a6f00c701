import { changeMark, hashSecret } from '@weft/db';
import type { FastifyRequest } from 'fastify';
import type { Actor, Db, Deps } from '../context';
import { type AccessCache, accessCache, readAccessState, type SessionEntry, type TokenEntry, tagEpoch, tagMark } from './access-cache';

export const SESSION_COOKIE = 'weft_session';
export const TOKEN_PREFIX = 'weft_';

/** What a request presents (a bearer API token or the session cookie), as the hash it is stored by. */
export type Credential = { kind: 'token' | 'session'; hash: string };

/** The request's credential, or null when it has none usable (a bearer token must carry our prefix). */
export function credentialOf(req: FastifyRequest): Credential | null {
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
 *
 * Answers synchronously (no promise, no statement but the change mark) when memory is enough to
 * be sure: the database is unchanged since the epoch was last read and the credential's row is
 * cached under it. Otherwise a promise, which reads the epoch and, if needed, the row.
 */
export function resolveActor(deps: Deps, req: FastifyRequest): Actor | null | Promise<Actor | null> {
  const cred = credentialOf(req);
  if (cred === null) return null;
  const db = deps.store.db;
  const cache = accessCache(db);
  const mark = changeMark(db);
  const nowMs = deps.clock.now().getTime();
  if (cache && mark !== null && mark === cache.mark) {
    const actor = fromMemory(cache, cred, nowMs, mark);
    if (actor !== undefined) return actor;
  }
  return fromDatabase(db, cache, cred, nowMs, mark);
}

/** The actor from the cached row at the cache's (current) epoch; undefined when the row must be read. */
function fromMemory(cache: AccessCache, cred: Credential, nowMs: number, mark: string): Actor | null | undefined {
  if (cred.kind === 'token') {
    const row = cache.tokens.get(cred.hash);
    if (!row || needsTouch(row, nowMs)) return undefined;
    return tokenUsable(row, nowMs) ? tagged(tokenActor(row), cache.epoch, mark) : null;
  }
  const s = cache.sessions.get(cred.hash);
  if (!s) return undefined;
  return sessionUsable(s, nowMs) ? tagged(sessionActor(s), cache.epoch, mark) : null;
}

async function fromDatabase(db: Db, cache: AccessCache | null, cred: Credential, nowMs: number, taken: string | null): Promise<Actor | null> {
  const { epoch, mark } = cache ? await readAccessState(db, cache, taken) : { epoch: -1, mark: null };
  if (cred.kind === 'token') {
    const row = await tokenRow(db, cache, epoch, cred.hash);
    if (!row || !tokenUsable(row, nowMs)) return null;
    if (needsTouch(row, nowMs)) {
      const now = new Date(nowMs).toISOString();
      row.last_used_at = now;
      await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
    }
    return tagged(tokenActor(row), epoch, mark);
  }
  const s = await sessionRow(db, cache, epoch, cred.hash);
  return s && sessionUsable(s, nowMs) ? tagged(sessionActor(s), epoch, mark) : null;
}

/** A token's row: from the access cache when it is at `epoch`, else read (and cached). */
export async function tokenRow(db: Db, cache: AccessCache | null, epoch: number, hash: string): Promise<TokenEntry | undefined> {
  const hit = cache !== null && cache.epoch === epoch ? cache.tokens.get(hash) : undefined;
  if (hit) return hit;
  const row = await db.selectFrom('api_tokens').select(['id', 'user_id', 'read_only', 'expires_at', 'revoked_at', 'last_used_at']).where('token_hash', '=', hash).executeTakeFirst();
  if (row && cache) cache.put(cache.tokens, epoch, hash, row);
  return row;
}

/** A session's row: from the access cache when it is at `epoch`, else read (and cached). */
export async function sessionRow(db: Db, cache: AccessCache | null, epoch: number, hash: string): Promise<SessionEntry | undefined> {
  const hit = cache !== null && cache.epoch === epoch ? cache.sessions.get(hash) : undefined;
  if (hit) return hit;
  const s = await db.selectFrom('sessions').select(['user_id', 'expires_at']).where('id', '=', hash).executeTakeFirst();
  if (s && cache) cache.put(cache.sessions, epoch, hash, s);
  return s;
}

export const tokenUsable = (row: TokenEntry, nowMs: number) => !row.revoked_at && !(row.expires_at && Date.parse(row.expires_at) <= nowMs);
export const sessionUsable = (s: SessionEntry, nowMs: number) => Date.parse(s.expires_at) > nowMs;
const needsTouch = (row: TokenEntry, nowMs: number) => !row.last_used_at || nowMs - Date.parse(row.last_used_at) > TOUCH_EVERY_MS;
const tokenActor = (row: TokenEntry): Actor => ({ userId: row.user_id, tokenId: row.id, readOnly: row.read_only === 1 });
const sessionActor = (s: SessionEntry): Actor => ({ userId: s.user_id, tokenId: null, readOnly: false });

function tagged(actor: Actor, epoch: number, mark: string | null): Actor {
  if (epoch >= 0) tagEpoch(actor, epoch);
  tagMark(actor, mark);
  return actor;
}
