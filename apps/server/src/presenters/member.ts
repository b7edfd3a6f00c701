import type { InvitesTable } from '@weft/db';
import type { Role } from '@weft/domain';
import type { Membership } from '../context';
import { mayManageMember } from '../policies/workspace.policy';
import type { MemberRow } from '../queries/members';

/** A member as the API shows them; anyone may leave, only stronger managers change or remove others. */
export function presentMember(r: MemberRow, m: Membership) {
  const role = r.role as Role;
  const self = r.user_id === m.userId;
  return {
    userId: r.user_id,
    workspaceId: r.workspace_id,
    name: r.name,
    email: r.email,
    role,
    version: r.version,
    joinedAt: r.created_at,
    abilities: { update: mayManageMember(m, role), remove: self ? !m.readOnly : mayManageMember(m, role) },
  };
}

/** An invite without its secret: only the creation response carries the token. */
export function presentInvite(i: InvitesTable) {
  return {
    id: i.id,
    workspaceId: i.workspace_id,
    role: i.role as Role,
    email: i.email,
    spaceIds: JSON.parse(i.space_ids) as string[],
    createdAt: i.created_at,
    expiresAt: i.expires_at,
    acceptedAt: i.accepted_at,
    revokedAt: i.revoked_at,
  };
}
