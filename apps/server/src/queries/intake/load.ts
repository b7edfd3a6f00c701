import type { IntakeFormsTable, SlaPoliciesTable, SpacesTable } from '@weft/db';
import { type ErrorCode, WeftError } from '@weft/domain';
import type { Actor, Db, Membership } from '../../context';
import { canReadSpace, type SpaceSubject } from '../../policies/space.policy';
import type { RequestView } from '../../presenters/intake';
import { membershipOf, spaceSubject } from '../access';

export type SpaceScoped = { space: SpacesTable; m: Membership; subject: SpaceSubject };

/** The space of a thing with the actor's membership; `code` (404) when the actor cannot read the space. */
export async function spaceScope(db: Db, actor: Actor, spaceId: string, code: ErrorCode): Promise<SpaceScoped> {
  const space = await db.selectFrom('spaces').selectAll().where('id', '=', spaceId).executeTakeFirst();
  const m = space ? await membershipOf(db, actor, space.workspace_id).catch(() => null) : null;
  if (!space || !m) throw new WeftError(code, 'not found');
  const subject = await spaceSubject(db, m, space);
  if (!canReadSpace(m, subject)) throw new WeftError(code, 'not found');
  return { space, m, subject };
}

/** A form by id, as the actor may see it (404 FORM_NOT_FOUND otherwise). */
export async function loadForm(db: Db, actor: Actor, formId: string): Promise<SpaceScoped & { form: IntakeFormsTable }> {
  const form = await db.selectFrom('intake_forms').selectAll().where('id', '=', formId).executeTakeFirst();
  if (!form) throw new WeftError('FORM_NOT_FOUND', 'form not found');
  return { form, ...(await spaceScope(db, actor, form.space_id, 'FORM_NOT_FOUND')) };
}

/** An SLA policy by id, as the actor may see it. */
export async function loadSlaPolicy(db: Db, actor: Actor, id: string): Promise<SpaceScoped & { policy: SlaPoliciesTable }> {
  const policy = await db.selectFrom('sla_policies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!policy) throw new WeftError('SLA_NOT_FOUND', 'SLA policy not found');
  return { policy, ...(await spaceScope(db, actor, policy.space_id, 'SLA_NOT_FOUND')) };
}

/** Requests with the columns their views join in (item key, title, category, priority; merged-into reference). */
export function requestViews(db: Db) {
  return db
    .selectFrom('intake_requests as r')
    .innerJoin('items as i', 'i.id', 'r.item_id')
    .leftJoin('intake_requests as mr', 'mr.id', 'r.merged_into_id')
    .leftJoin('items as mi', 'mi.id', 'mr.item_id')
    .selectAll('r')
    .select([
      'i.key as item_key',
      'i.title as item_title',
      'i.status_category as item_category',
      'i.priority as item_priority',
      'mr.reference as merged_into_reference',
      'mi.status_category as merged_into_category',
    ]);
}

const ID = /^[0-9a-f]{32}$/;

/** A request by id or reference, as the actor may see it (404 REQUEST_NOT_FOUND otherwise). */
export async function loadRequest(db: Db, actor: Actor, idOrRef: string): Promise<SpaceScoped & { request: RequestView }> {
  const q = requestViews(db);
  const request = (await (ID.test(idOrRef) ? q.where('r.id', '=', idOrRef) : q.where('r.reference', '=', idOrRef.toUpperCase())).executeTakeFirst()) as RequestView | undefined;
  if (!request) throw new WeftError('REQUEST_NOT_FOUND', 'request not found');
  return { request, ...(await spaceScope(db, actor, request.space_id, 'REQUEST_NOT_FOUND')) };
}
