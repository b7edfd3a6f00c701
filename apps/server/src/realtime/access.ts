import { hashSecret } from '@weft/db';
import type { PresenceTopic } from '@weft/domain';
import type { FastifyRequest } from 'fastify';
import { accessCache, type SessionEntry, type TokenEntry } from '../auth/access-cache';
import { SESSION_COOKIE } from '../auth/resolve-actor';
import type { Actor, Deps } from '../context';
import type { CommittedEvent } from '../events/bus';
import { canReadDeletedSpace, canReadSpace } from '../policies/space.policy';
import { spaceSubjects } from '../presenters/item';
import { membershipOf, spaceAccess } from '../queries/access';
import { loadItemAccess } from '../queries/items/load-item';

/** What a socket was opened with, so it can be re-checked while it stays open. */
export type Credential = { kind: 'token' | 'session'; hash: string };

/** The credential the auth hook accepted for this upgrade request (same precedence as resolveActor). */
export function credentialOf(req: FastifyRequest): Credential | null {
  const authz = req.headers.authorization;
  if (authz?.startsWith('Bearer ')) return { kind: 'token', hash: hashSecret(authz.slice(7).trim()) };
  const sid = req.cookies?.[SESSION_COOKIE];
  return sid ? { kind: 'session', hash: hashSecret(sid) } : null;
}

/**
 * Is the credential still good at `epoch`? A revoked or expired token and a deleted (logged-out)
 * or expired session are not. Rows come from the access cache while the epoch is unchanged.
 */
export async function credentialValid(deps: Deps, cred: Credential, epoch: number): Promise<boolean> {
  const db = deps.store.db;
  const cache = accessCache(db);
  const now = deps.clock.now().toISOString();
  const fresh = cache !== null && cache.epoch === epoch;
  if (cred.kind === 'token') {
    let row: TokenEntry | undefined = fresh ? cache.tokens.get(cred.hash) : undefined;
    if (!row) {
      row = await db.selectFrom('api_tokens').select(['id', 'user_id', 'read_only', 'expires_at', 'revoked_at', 'last_used_at']).where('token_hash', '=', cred.hash).executeTakeFirst();
      if (row && cache) cache.put(cache.tokens, epoch, cred.hash, row);
    }
    return !!row && !row.revoked_at && !(row.expires_at && row.expires_at <= now);
  }
  let s: SessionEntry | undefined = fresh ? cache.sessions.get(cred.hash) : undefined;
  if (!s) {
    s = await db.selectFrom('sessions').select(['user_id', 'expires_at']).where('id', '=', cred.hash).executeTakeFirst();
    if (s && cache) cache.put(cache.sessions, epoch, cred.hash, s);
  }
  return !!s && s.expires_at > now;
}

/**
 * May this actor read this event? The same rule as the event feed (queries/events.ts): a member of
 * the workspace; events of a space only for those who may read the space; workspace-level events
 * (no space) for everyone but guests. Membership and space access come from the epoch-checked
 * access cache, so a removed member is refused from the first event after the removal committed.
 */
export async function mayReadEvent(deps: Deps, actor: Actor, e: CommittedEvent): Promise<boolean> {
  const db = deps.store.db;
  const m = await membershipOf(db, actor, e.workspaceId).catch(() => null);
  if (!m) return false;
  if (e.spaceId === null) return m.role !== 'guest';
  if (e.type === 'space.deleted') return canReadDeletedSpace(m, e.data);
  const subject = (await spaceSubjects(db, m, [e.spaceId])).get(e.spaceId);
  return subject ? canReadSpace(m, subject) : canReadSpace(m, { visibility: 'members', isSpaceMember: false });
}

/** May the actor be present on (view) this topic? Exactly when they may read the space or item. Answers the topic by id (an item key resolves to its id), or null. */
export async function mayEnter(deps: Deps, actor: Actor, topic: PresenceTopic): Promise<PresenceTopic | null> {
  const db = deps.store.db;
  try {
    if (topic.kind === 'space') return { kind: 'space', id: (await spaceAccess(db, actor, topic.id)).space.id };
    return { kind: 'item', id: (await loadItemAccess(db, actor, topic.id)).item.id };
  } catch {
    return null;
  }
}
