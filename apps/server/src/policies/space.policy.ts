import type { Membership } from '../context';
import { atLeast, type Policy, writes } from './policy';

/** What the space policy needs to know about a space and the actor's place in it. */
export type SpaceSubject = { visibility: string; isSpaceMember: boolean };

/**
 * Admins and owners see every space; members see workspace-visible spaces and the members-only
 * spaces they belong to; guests see only the spaces they were invited to.
 */
export function canReadSpace(m: Membership, s: SpaceSubject): boolean {
  if (atLeast(m, 'admin')) return true;
  if (s.isSpaceMember) return true;
  return m.role === 'member' && s.visibility === 'workspace';
}

/**
 * Could the member read a space that is now deleted? Judged from what its `space.deleted` event
 * recorded (visibility and members at deletion), by the same rule as canReadSpace.
 */
export function canReadDeletedSpace(m: Membership, data: Record<string, unknown>): boolean {
  const visibility = data.visibility === 'workspace' ? 'workspace' : 'members';
  const memberIds = Array.isArray(data.memberIds) ? data.memberIds : [];
  return canReadSpace(m, { visibility, isSpaceMember: memberIds.includes(m.userId) });
}

/** Members (not guests) who can see a space may change it; deleting one needs an admin. */
const editSpace = writes<SpaceSubject>((m, s) => canReadSpace(m, s) && atLeast(m, 'member'));

export const spacePolicy: Policy<'space', SpaceSubject> = {
  'space.create': writes((m) => atLeast(m, 'member')),
  'space.read': canReadSpace,
  'space.update': editSpace,
  'space.delete': writes((m) => atLeast(m, 'admin')),
  'space.manageMembers': editSpace,
  'space.manageWorkflow': editSpace,
};
