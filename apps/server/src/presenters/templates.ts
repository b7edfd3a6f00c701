import type { TemplatesTable } from '@weft/db';
import type { TemplateKind } from '@weft/domain';
import type { Db, Membership } from '../context';
import { abilitiesOf } from '../policies/policy';
import { type TemplateSubject, templatePolicy } from '../policies/templates.policy';
import { spaceSubjects } from './item';

/** A template in its API shape, with what the member may do with it. */
export function presentTemplate(t: TemplatesTable, m: Membership, subject: TemplateSubject) {
  const abilities = abilitiesOf(templatePolicy, m, subject);
  return {
    id: t.id,
    workspaceId: t.workspace_id,
    kind: t.kind as TemplateKind,
    name: t.name,
    description: t.description,
    spaceId: t.space_id,
    content: JSON.parse(t.content) as Record<string, unknown>,
    createdBy: t.created_by,
    version: Number(t.version),
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    abilities: { read: abilities.read, update: abilities.update, delete: abilities.delete, apply: abilities.read },
  };
}

/** Many templates (a page of a list) for one member. */
export async function presentTemplates(db: Db, m: Membership, rows: readonly TemplatesTable[]) {
  const subjects = await spaceSubjects(db, m, rows.flatMap((t) => (t.space_id ? [t.space_id] : [])));
  return rows.map((t) => presentTemplate(t, m, { createdBy: t.created_by, space: t.space_id ? (subjects.get(t.space_id) ?? null) : null }));
}
