import type { IntakeFormsTable } from '@weft/db';
import { type FormField, maxLengthOf, type PublicForm, RequestListQuery, type RequestStatus, type StatusCategory, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Actor, Ctx, Deps } from '../../context';
import { calendarPolicy, formPolicy, requestPolicy, slaPolicy } from '../../policies/intake.policy';
import { authorize } from '../../policies/policy';
import { parseJson, presentCalendar, presentForm, presentRequest, presentSlaPolicy, type RequestView } from '../../presenters/intake';
import { membershipOf } from '../access';
import { afterKey, toPage } from '../cursor';
import { loadRequest, requestViews, spaceScope } from './load';
import { slaStateSql } from './sla-query';

/** The forms of a space, for its readers. */
export async function listForms(ctx: Ctx, spaceId: string) {
  const { m, subject } = await spaceScope(ctx.deps.store.db, ctx.actor, spaceId, 'SPACE_NOT_FOUND');
  authorize(formPolicy, 'form.read', m, subject, { canRead: true, notFound: 'SPACE_NOT_FOUND' });
  const rows = await ctx.deps.store.db.selectFrom('intake_forms').selectAll().where('space_id', '=', spaceId).orderBy('id').execute();
  return { data: rows.map((r) => presentForm(r, m, subject)), nextCursor: null };
}

function publicShape(form: IntakeFormsTable, workspaceName: string): z.output<typeof PublicForm> {
  const fields = parseJson<FormField[]>(form.fields, []);
  return {
    publicId: form.public_id,
    name: form.name,
    description: form.description,
    workspaceName,
    access: form.access as 'internal' | 'public',
    asksForEmail: form.access === 'public',
    honeypot: 'homepage',
    fields: fields.map((f) => ({
      key: f.key,
      label: f.label,
      kind: f.kind,
      required: f.required || f.mapsTo === 'title',
      maxLength: maxLengthOf(f),
      ...(f.options ? { options: f.options } : {}),
      ...(f.help ? { help: f.help } : {}),
    })),
    closed: form.closed_at !== null,
  };
}

/** A form as its link shows it: public forms to anyone, internal ones to signed-in readers of the space. */
export async function readFormByLink(deps: Deps, actor: Actor | null, publicId: string) {
  const form = await deps.store.db.selectFrom('intake_forms').selectAll().where('public_id', '=', publicId).executeTakeFirst();
  if (!form) throw new WeftError('FORM_NOT_FOUND', 'form not found');
  if (form.access === 'internal') {
    if (!actor) throw new WeftError('UNAUTHENTICATED', 'this form is for signed-in members: sign in first');
    await spaceScope(deps.store.db, actor, form.space_id, 'FORM_NOT_FOUND');
  }
  const ws = await deps.store.db.selectFrom('workspaces').select('name').where('id', '=', form.workspace_id).executeTakeFirstOrThrow();
  return publicShape(form, ws.name);
}

/**
 * What a requester sees with their reference: title, triage state, status category, the decline
 * reason, and for a merged duplicate how the original is progressing (its status category only: its
 * reference is another requester's capability and its title theirs). Nothing else leaves.
 */
export async function readRequestStatus(deps: Deps, reference: string): Promise<z.output<typeof RequestStatus>> {
  const r = await requestViews(deps.store.db).where('r.reference', '=', reference.trim().toUpperCase()).executeTakeFirst();
  if (!r) throw new WeftError('REQUEST_NOT_FOUND', 'no request with this reference');
  return {
    reference: r.reference,
    title: r.item_title,
    state: r.state as z.output<typeof RequestStatus>['state'],
    statusCategory: r.item_category as StatusCategory,
    declineReason: r.state === 'declined' ? r.decline_reason : null,
    original: r.state === 'merged' && r.merged_into_category ? { statusCategory: r.merged_into_category as StatusCategory } : null,
    submittedAt: r.created_at,
  };
}

/** One request for a reader of its space, with its SLA at the clock's now. */
export async function readRequest(ctx: Ctx, idOrRef: string) {
  const { request, m, subject } = await loadRequest(ctx.deps.store.db, ctx.actor, idOrRef);
  authorize(requestPolicy, 'request.read', m, subject, { canRead: true, notFound: 'REQUEST_NOT_FOUND' });
  return presentRequest(request, m, subject, ctx.deps.clock.now().toISOString());
}

/** A space's requests, newest first, by triage state and SLA state. */
export async function listRequests(ctx: Ctx, spaceId: string, raw: z.input<typeof RequestListQuery>) {
  const q = RequestListQuery.parse(raw);
  const db = ctx.deps.store.db;
  const { m, subject } = await spaceScope(db, ctx.actor, spaceId, 'SPACE_NOT_FOUND');
  authorize(requestPolicy, 'request.read', m, subject, { canRead: true, notFound: 'SPACE_NOT_FOUND' });
  const now = ctx.deps.clock.now();
  let sel = requestViews(db).where('r.space_id', '=', spaceId).where('i.deleted_at', 'is', null);
  if (q.state) sel = sel.where('r.state', '=', q.state);
  if (q.sla) {
    const state = q.sla;
    sel = sel.where(() => slaStateSql('r', state, now));
  }
  const after = afterKey(q.cursor);
  if (after) sel = sel.where('r.id', '<', after);
  const rows = (await sel.orderBy('r.id', 'desc').limit(q.limit + 1).execute()) as RequestView[];
  const page = toPage(rows, q.limit, (r) => r.id);
  return { data: page.data.map((r) => presentRequest(r, m, subject, now.toISOString())), nextCursor: page.nextCursor };
}

/** The working calendars of a workspace, for its members. */
export async function listCalendars(ctx: Ctx, workspaceId: string) {
  const m = await membershipOf(ctx.deps.store.db, ctx.actor, workspaceId);
  authorize(calendarPolicy, 'calendar.read', m, null, { canRead: true, notFound: 'WORKSPACE_NOT_FOUND' });
  const rows = await ctx.deps.store.db.selectFrom('working_calendars').selectAll().where('workspace_id', '=', workspaceId).orderBy('id').execute();
  return { data: rows.map((r) => presentCalendar(r, m)), nextCursor: null };
}

/** A space's SLA policies (zero or one). */
export async function listSlaPolicies(ctx: Ctx, spaceId: string) {
  const { m, subject } = await spaceScope(ctx.deps.store.db, ctx.actor, spaceId, 'SPACE_NOT_FOUND');
  authorize(slaPolicy, 'sla.read', m, subject, { canRead: true, notFound: 'SPACE_NOT_FOUND' });
  const rows = await ctx.deps.store.db.selectFrom('sla_policies').selectAll().where('space_id', '=', spaceId).execute();
  return { data: rows.map((r) => presentSlaPolicy(r, m, subject)), nextCursor: null };
}

