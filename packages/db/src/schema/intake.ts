/** Tables of issue 4: intake forms, requests, SLAs, calendars. Same conventions as ../types.ts (ISO text instants, 0/1 booleans, JSON text). */

/** A door into a space: fields that become an item. `public_id` is the link (≥128 random bits). */
export type IntakeFormsTable = {
  id: string;
  workspace_id: string;
  space_id: string;
  public_id: string;
  name: string;
  description: string;
  /** 'internal' (signed-in readers of the space) or 'public' (anyone with the link) */
  access: string;
  /** JSON: FormField[] */
  fields: string;
  item_type: string;
  /** a priority name (none…urgent) */
  priority: string;
  triage_status_id: string | null;
  /** JSON: AssigneeRule */
  assignee_rule: string;
  /** round-robin turn counter, bumped atomically by each submission */
  rr_turn: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  version: number;
};

/** One submission: the item it made, who asked, its triage state and its SLA clock. */
export type IntakeRequestsTable = {
  id: string;
  workspace_id: string;
  space_id: string;
  form_id: string;
  item_id: string;
  /** REQ-… capability the requester reads the status with */
  reference: string;
  requester_email: string;
  requester_user_id: string | null;
  /** SHA-256 of the submitting address (public forms; rate limiting only) */
  ip_hash: string | null;
  /** triage | accepted | declined | merged */
  state: string;
  decline_reason: string | null;
  merged_into_id: string | null;
  triaged_by: string | null;
  triaged_at: string | null;
  sla_policy_id: string | null;
  first_response_due_at: string | null;
  first_response_risk_at: string | null;
  first_response_at: string | null;
  resolution_due_at: string | null;
  resolution_risk_at: string | null;
  resolved_at: string | null;
  /** when the at-risk / breached event of each target was emitted (guards: exactly once) */
  first_response_risk_event_at: string | null;
  first_response_breach_event_at: string | null;
  resolution_risk_event_at: string | null;
  resolution_breach_event_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
};

/** Working time of a workspace: weekly hours in an IANA zone, minus holidays. */
export type WorkingCalendarsTable = {
  id: string;
  workspace_id: string;
  name: string;
  time_zone: string;
  /** JSON: { mon: [{ start: '09:00', end: '17:00' }], … } */
  hours: string;
  /** JSON: ['YYYY-MM-DD', …] */
  holidays: string;
  created_at: string;
  updated_at: string;
  version: number;
};

/** First-response and resolution targets by priority, in business minutes of a calendar (one per space). */
export type SlaPoliciesTable = {
  id: string;
  workspace_id: string;
  space_id: string;
  name: string;
  calendar_id: string;
  /** JSON: { urgent: { firstResponseMinutes, resolutionMinutes }, … } */
  targets: string;
  created_at: string;
  updated_at: string;
  version: number;
};

export type IntakeDatabase = {
  intake_forms: IntakeFormsTable;
  intake_requests: IntakeRequestsTable;
  working_calendars: WorkingCalendarsTable;
  sla_policies: SlaPoliciesTable;
};
