import type { TeamsTable } from '@weft/db';
import type { Membership } from '../context';
import { workspacePolicy } from '../policies/workspace.policy';

export function presentTeam(t: TeamsTable, memberIds: string[], m: Membership) {
  return {
    id: t.id,
    workspaceId: t.workspace_id,
    name: t.name,
    memberIds,
    version: t.version,
    createdAt: t.created_at,
    abilities: { update: workspacePolicy['team.update'](m, null), delete: workspacePolicy['team.delete'](m, null) },
  };
}
