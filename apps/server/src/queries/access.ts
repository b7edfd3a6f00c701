import { type Role, WeftError } from '@weft/domain';
import type { SpacesTable } from '@weft/db';
import type { Actor, Db, Membership } from '../context';
import { atLeast } from '../policies/policy';
import { canReadSpace, type SpaceSubject } from '../policies/space.policy';
import { epochFor, tagEpoch } from '../auth/access-cache';

/**
 * The actor's membership in a workspace. A workspace the actor is not in answers 404, exactly like
 * one that does not exist, so ids cannot be probed.
 */
export async function membershipOf(db: Db, actor: Actor, workspaceId: string): Promise<Membership> {
  const { role, epoch } = await roleOf(db, actor, workspaceId);
  if (!role) throw new WeftError('WORKSPACE_NOT_FOUND', 'workspace not found');
  const m: Membership = { workspaceId, userId: actor.userId, role, readOnly: actor.readOnly };
  if (epoch !== null) tagEpoch(m, epoch);
  return m;
}

/** The actor's role in a workspace (null: not a member), through the access cache outside transactions. */
async function roleOf(db: Db, actor: Actor, workspaceId: string): Promise<{ role: Role | null; epoch: number | null }> {
  const c = await epochFor(db, actor);
  const key = `${workspaceId}\u0000${actor.userId}`;
  if (c && c.epoch === c.cache.epoch) {
    const hit = c.cache.roles.get(key);
    if (hit !== undefined) return { role: hit as Role | null, epoch: c.epoch };
  }
  const row = await db.selectFrom('members').select('role').where('workspace_id', '=', workspaceId).where('user_id', '=', actor.userId).executeTakeFirst();
  const role = (row?.role ?? null) as Role | null;
  if (c) c.cache.put(c.cache.roles, c.epoch, key, role);
  return { role, epoch: c?.epoch ?? null };
}

export type SpaceAccess = { space: SpacesTable; m: Membership; subject: SpaceSubject; canRead: boolean };

/** Loads a space with the actor's membership and what the policy needs; 404 if it is not theirs to see. */
export async function spaceAccess(db: Db, actor: Actor, spaceId: string): Promise<SpaceAccess> {
  const space = await db.selectFrom('spaces').selectAll().where('id', '=', spaceId).executeTakeFirst();
  if (!space) throw new WeftError('SPACE_NOT_FOUND', 'space not found');
  const m = await membershipOf(db, actor, space.workspace_id).catch(() => {
    throw new WeftError('SPACE_NOT_FOUND', 'space not found');
  });
  const subject = await spaceSubject(db, m, space);
  const canRead = canReadSpace(m, subject);
  if (!canRead) throw new WeftError('SPACE_NOT_FOUND', 'space not found');
  return { space, m, subject, canRead };
}

/** The policy subject of a space for one member. */
export async function spaceSubject(db: Db, m: Membership, space: Pick<SpacesTable, 'id' | 'visibility'>): Promise<SpaceSubject> {
  const c = await epochFor(db, m);
  const key = `${space.id}\u0000${m.userId}`;
  let isSpaceMember = c && c.epoch === c.cache.epoch ? c.cache.spaceMembers.get(key) : undefined;
  if (isSpaceMember === undefined) {
    const member = await db.selectFrom('space_members').select('user_id').where('space_id', '=', space.id).where('user_id', '=', m.userId).executeTakeFirst();
    isSpaceMember = !!member;
    if (c) c.cache.put(c.cache.spaceMembers, c.epoch, key, isSpaceMember);
  }
  return { visibility: space.visibility, isSpaceMember };
}

/** Ids of every space in the workspace the member may read: the filter of every list, count and feed. */
export async function readableSpaceIds(db: Db, m: Membership): Promise<string[]> {
  let q = db.selectFrom('spaces').select('spaces.id').where('spaces.workspace_id', '=', m.workspaceId);
  if (!atLeast(m, 'admin')) {
    q = q.where((eb) => {
      const isSpaceMember = eb.exists(
        eb
          .selectFrom('space_members')
          .select('space_members.user_id')
          .whereRef('space_members.space_id', '=', 'spaces.id')
          .where('space_members.user_id', '=', m.userId),
      );
      return m.role === 'member' ? eb.or([eb('spaces.visibility', '=', 'workspace'), isSpaceMember]) : isSpaceMember;
    });
  }
  return (await q.execute()).map((r) => r.id);
}
