import type { Role } from '@weft/domain';
import { ROLE_RANK } from '@weft/domain';
import type { Membership } from '../context';
import { atLeast, type Policy, writes } from './policy';

/** Workspace-level actions. The subject is the workspace itself (membership says the rest). */
export const workspacePolicy: Policy<'workspace' | 'team', null> = {
  'workspace.read': () => true,
  'workspace.update': writes((m) => atLeast(m, 'admin')),
  'workspace.delete': writes((m) => m.role === 'owner'),
  'workspace.manageMembers': writes((m) => atLeast(m, 'admin')),
  'workspace.invite': writes((m) => atLeast(m, 'member')),
  // Everyone may read the feed; queries/events.ts filters it to the spaces each one can read.
  'workspace.readEvents': () => true,
  'team.create': writes((m) => atLeast(m, 'admin')),
  'team.update': writes((m) => atLeast(m, 'admin')),
  'team.delete': writes((m) => atLeast(m, 'admin')),
};

/** Nobody grants a role stronger than their own; only owners make owners. */
export function mayGrantRole(m: Membership, role: Role): boolean {
  return !m.readOnly && ROLE_RANK[m.role] >= ROLE_RANK[role] && (role !== 'owner' || m.role === 'owner');
}

/** Changing or removing someone needs manageMembers and a role at least as strong as theirs. */
export function mayManageMember(m: Membership, targetRole: Role): boolean {
  return workspacePolicy['workspace.manageMembers'](m, null) && ROLE_RANK[m.role] >= ROLE_RANK[targetRole];
}
