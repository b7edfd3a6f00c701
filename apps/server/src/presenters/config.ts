import type { FieldsTable, ItemTypesTable, LabelsTable, ViewsTable } from '@weft/db';
import type { FieldType, ViewLayout } from '@weft/domain';
import type { Membership } from '../context';
import { configPolicy, type ViewSubject, viewPolicy } from '../policies/config.policy';
import { abilitiesOf } from '../policies/policy';

export type FieldOptionJson = { id: string; name: string; color?: string };

export function presentField(f: FieldsTable, m: Membership) {
  const manage = configPolicy['field.manage'](m, null);
  return {
    id: f.id,
    workspaceId: f.workspace_id,
    spaceId: f.space_id,
    name: f.name,
    type: f.type as FieldType,
    options: JSON.parse(f.options) as FieldOptionJson[],
    version: f.version,
    createdAt: f.created_at,
    abilities: { update: manage, delete: manage },
  };
}

export function presentLabel(l: LabelsTable, m: Membership) {
  const manage = configPolicy['label.manage'](m, null);
  return { id: l.id, workspaceId: l.workspace_id, name: l.name, color: l.color, version: l.version, abilities: { update: manage, delete: manage } };
}

export function presentItemType(t: Pick<ItemTypesTable, 'key' | 'name'>) {
  return { key: t.key, name: t.name };
}

export function presentView(v: ViewsTable, m: Membership, subject: ViewSubject) {
  return {
    id: v.id,
    workspaceId: v.workspace_id,
    spaceId: v.space_id,
    ownerId: v.owner_id,
    name: v.name,
    query: v.query,
    layout: v.layout as ViewLayout,
    shared: v.shared === 1,
    options: JSON.parse(v.options) as Record<string, unknown>,
    version: v.version,
    createdAt: v.created_at,
    abilities: abilitiesOf(viewPolicy, m, subject),
  };
}
