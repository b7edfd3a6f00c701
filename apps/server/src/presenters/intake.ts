import type { IntakeFormsTable, IntakeRequestsTable, SlaPoliciesTable, WorkingCalendarsTable } from '@weft/db';
import { type AssigneeRule, type Calendar, type Form, type FormField, type IntakeRequest, type Priority, type RequestState, requestSlaState, type SlaClock, type SlaPolicy, type SlaTargets, type StatusCategory, targetState, type WeeklyHours } from '@weft/domain';
import type { z } from 'zod';
import type { Membership } from '../context';
import { calendarPolicy, formPolicy, requestPolicy, slaPolicy } from '../policies/intake.policy';
import { abilitiesOf } from '../policies/policy';
import type { SpaceSubject } from '../policies/space.policy';
import { priorityName } from './item-details';

/** JSON text from either engine (pg may hand back parsed values for json columns; ours are text). */
export function parseJson<T>(raw: unknown, fallback: T): T {
  if (typeof raw !== 'string') return (raw as T) ?? fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

export function presentForm(row: IntakeFormsTable, m: Membership, space: SpaceSubject): z.output<typeof Form> {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    spaceId: row.space_id,
    publicId: row.public_id,
    path: `/api/v1/forms/${row.public_id}`,
    name: row.name,
    description: row.description,
    access: row.access as 'internal' | 'public',
    fields: parseJson<FormField[]>(row.fields, []),
    itemType: row.item_type,
    priority: row.priority as Priority,
    triageStatusId: row.triage_status_id,
    assigneeRule: parseJson<AssigneeRule>(row.assignee_rule, { kind: 'none' }),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    version: Number(row.version),
    abilities: abilitiesOf(formPolicy, m, space),
  };
}

export function presentCalendar(row: WorkingCalendarsTable, m: Membership): z.output<typeof Calendar> {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    timeZone: row.time_zone,
    hours: parseJson<WeeklyHours>(row.hours, {} as WeeklyHours),
    holidays: parseJson<string[]>(row.holidays, []),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
    abilities: abilitiesOf(calendarPolicy, m, null),
  };
}

export function presentSlaPolicy(row: SlaPoliciesTable, m: Membership, space: SpaceSubject): z.output<typeof SlaPolicy> {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    spaceId: row.space_id,
    name: row.name,
    calendarId: row.calendar_id,
    targets: parseJson<SlaTargets>(row.targets, {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
    abilities: abilitiesOf(slaPolicy, m, space),
  };
}

/** A request row with what the views join in: its item and the reference it was merged into. */
export type RequestView = IntakeRequestsTable & {
  item_key: string;
  item_title: string;
  item_category: string;
  item_priority: number;
  merged_into_reference: string | null;
};

const clock = (due: string | null, risk: string | null, met: string | null): SlaClock => ({ dueAt: due, riskAt: risk, metAt: met });

function target(c: SlaClock, now: string) {
  return { dueAt: c.dueAt, atRiskAt: c.riskAt, metAt: c.metAt, state: targetState(c, now) };
}

/** A request for the space's members: triage state, requester and SLA with its state at `now`. */
export function presentRequest(r: RequestView, m: Membership, space: SpaceSubject, now: string): z.output<typeof IntakeRequest> {
  const fr = clock(r.first_response_due_at, r.first_response_risk_at, r.first_response_at);
  const res = clock(r.resolution_due_at, r.resolution_risk_at, r.resolved_at);
  const state = requestSlaState([fr, res], now);
  return {
    id: r.id,
    reference: r.reference,
    workspaceId: r.workspace_id,
    spaceId: r.space_id,
    formId: r.form_id,
    itemId: r.item_id,
    itemKey: r.item_key,
    title: r.item_title,
    statusCategory: r.item_category as StatusCategory,
    priority: priorityName(Number(r.item_priority)),
    // A requester's address is for the team: guests invited to the space see requests, not addresses.
    requesterEmail: m.role === 'guest' ? null : r.requester_email,
    requesterUserId: r.requester_user_id,
    state: r.state as RequestState,
    declineReason: r.decline_reason,
    mergedIntoId: r.merged_into_id,
    mergedIntoReference: r.merged_into_reference,
    triagedBy: r.triaged_by,
    triagedAt: r.triaged_at,
    sla: state ? { policyId: r.sla_policy_id, state, firstResponse: target(fr, now), resolution: target(res, now) } : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
    abilities: abilitiesOf(requestPolicy, m, space),
  };
}
