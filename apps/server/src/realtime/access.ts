import type { PresenceTopic } from '@weft/domain';
import { accessCache } from '../auth/access-cache';
import { type Credential, sessionRow, sessionUsable, tokenRow, tokenUsable } from '../auth/resolve-actor';
import type { Actor, Deps } from '../context';
import type { CommittedEvent } from '../events/bus';
import { canReadDeletedSpace, canReadSpace } from '../policies/space.policy';
import { spaceSubjects } from '../presenters/item';
import { membershipOf, spaceAccess } from '../queries/access';
import { loadItemAccess } from '../queries/items/load-item';

/**
 * Is the credential a socket was opened with still good at `epoch`? A revoked or expired token and
 * a deleted (logged-out) or expired session are not. Rows come from the access cache while the
 * epoch is unchanged (the same loaders and rules as the auth hook's, auth/resolve-actor.ts).
 */
export async function credentialValid(deps: Deps, cred: Credential, epoch: number): Promise<boolean> {
  const db = deps.store.db;
  const cache = accessCache(db);
  const nowMs = deps.clock.now().getTime();
  if (cred.kind === 'token') {
    const row = await tokenRow(db, cache, epoch, cred.hash);
    return !!row && tokenUsable(row, nowMs);
  }
  const s = await sessionRow(db, cache, epoch, cred.hash);
  return !!s && sessionUsable(s, nowMs);
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
