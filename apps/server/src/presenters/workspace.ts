import type { WorkspacesTable } from '@weft/db';
import type { Membership } from '../context';
import { abilitiesOf } from '../policies/policy';
import { workspacePolicy } from '../policies/workspace.policy';

export function presentWorkspace(w: WorkspacesTable, m: Membership) {
  return {
    id: w.id,
    name: w.name,
    slug: w.slug,
    timeZone: w.time_zone,
    role: m.role,
    version: w.version,
    createdAt: w.created_at,
    updatedAt: w.updated_at,
    abilities: abilitiesOf(workspacePolicy, m, null),
  };
}
