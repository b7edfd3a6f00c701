// Schemas of issue 4: intake forms, requests, SLAs, calendars.
import { z } from 'zod';
import {
  FORM_ACCESS,
  FORM_FIELD_KINDS,
  FORM_TARGETS,
  HONEYPOT_FIELD,
  INTAKE_LIMITS,
  REQUEST_STATES,
  SLA_STATES,
  WEEKDAYS,
} from '../intake/constants';
import { PRIORITIES, STATUS_CATEGORIES } from '../workflow';
import { Abilities, Id, Instant, Markdown, Name, TimeZone, Version } from './common';

export * from '../intake/constants';
export * from '../intake/form-values';
export * from '../intake/sla-state';

const FieldKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and _, starting with a letter (≤ 40)');

export const FormField = z.strictObject({
  key: FieldKey.refine((k) => k !== HONEYPOT_FIELD && k !== 'email', 'this key is reserved'),
  label: z.string().trim().min(1).max(200),
  kind: z.enum(FORM_FIELD_KINDS),
  required: z.boolean().default(false),
  /** characters; defaults by kind (short 200, long 10,000) */
  maxLength: z.number().int().min(1).max(INTAKE_LIMITS.longTextMax).optional(),
  /** choice fields only: the values submitted and their labels (a select field's option ids when mapped to one) */
  options: z
    .array(z.strictObject({ value: z.string().min(1).max(200), label: z.string().min(1).max(200) }))
    .max(INTAKE_LIMITS.choiceOptions)
    .optional(),
  help: z.string().max(1000).optional(),
  /** which part of the item the value fills: title, description, due date, priority, a custom field, or a labelled line of the description */
  mapsTo: z.enum(FORM_TARGETS).default('none'),
  /** the custom field when mapsTo is `field` */
  fieldId: Id.optional(),
});
export type FormField = z.output<typeof FormField>;

/** Structural rules of a form's fields: exactly one short-text title, kinds fit their targets, unique keys. */
function checkFields(fields: ReadonlyArray<z.output<typeof FormField>>, ctx: z.RefinementCtx): void {
  const titles = fields.filter((f) => f.mapsTo === 'title');
  if (titles.length !== 1) ctx.addIssue({ code: 'custom', path: ['fields'], message: 'exactly one field must map to the title' });
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    const at = (message: string, key = 'mapsTo') => ctx.addIssue({ code: 'custom', path: ['fields', i, key], message });
    if (seen.has(f.key)) at('duplicate key', 'key');
    seen.add(f.key);
    if (f.mapsTo === 'title' && f.kind !== 'short_text') at('the title must be a short_text field');
    if (f.mapsTo === 'title' && (f.maxLength ?? 0) > 500) at('a title is at most 500 characters', 'maxLength');
    if (f.mapsTo === 'due' && f.kind !== 'date') at('the due date must be a date field');
    if (f.mapsTo === 'priority' && (f.kind !== 'choice' || !(f.options ?? []).every((o) => (PRIORITIES as readonly string[]).includes(o.value)))) {
      at(`the priority must be a choice field whose values are ${PRIORITIES.join(', ')}`);
    }
    if (f.mapsTo === 'field' && !f.fieldId) at('name the custom field in fieldId', 'fieldId');
    if (f.mapsTo !== 'field' && f.fieldId) at('fieldId goes with mapsTo: field', 'fieldId');
    if (f.kind === 'choice' && !(f.options ?? []).length) at('a choice field needs options', 'options');
    if (f.kind !== 'choice' && f.options) at('only choice fields have options', 'options');
    if (f.kind === 'short_text' && (f.maxLength ?? 0) > INTAKE_LIMITS.shortTextMax) at(`short text is at most ${INTAKE_LIMITS.shortTextMax} characters`, 'maxLength');
  });
}

const FormFields = z.array(FormField).min(1).max(INTAKE_LIMITS.fieldsPerForm);

export const AssigneeRule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({ kind: z.literal('fixed'), userId: Id }),
  z.strictObject({ kind: z.literal('round_robin'), userIds: z.array(Id).min(1).max(50) }),
  /** the team member with the fewest open assigned items in the workspace */
  z.strictObject({ kind: z.literal('least_loaded'), teamId: Id }),
]);
export type AssigneeRule = z.output<typeof AssigneeRule>;

export const CreateFormInput = z
  .strictObject({
    name: Name,
    description: Markdown.pipe(z.string().max(10_000)).default(''),
    access: z.enum(FORM_ACCESS).default('internal'),
    fields: FormFields,
    itemType: z.string().min(1).max(32).default('request'),
    priority: z.enum(PRIORITIES).default('none'),
    /** where new submissions wait for triage; default the space's first backlog status */
    triageStatusId: Id.nullable().optional(),
    assigneeRule: AssigneeRule.default({ kind: 'none' }),
  })
  .superRefine((v, ctx) => checkFields(v.fields, ctx));

export const UpdateFormInput = z
  .strictObject({
    version: Version.optional(),
    name: Name.optional(),
    description: Markdown.pipe(z.string().max(10_000)).optional(),
    access: z.enum(FORM_ACCESS).optional(),
    fields: FormFields.optional(),
    itemType: z.string().min(1).max(32).optional(),
    priority: z.enum(PRIORITIES).optional(),
    triageStatusId: Id.nullable().optional(),
    assigneeRule: AssigneeRule.optional(),
    /** a closed form answers 410 to submissions; reopen with false */
    closed: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.fields) checkFields(v.fields, ctx);
  });

export const Form = z.object({
  id: Id,
  workspaceId: Id,
  spaceId: Id,
  publicId: z.string(),
  /** the API path anyone with the link reads the form at */
  path: z.string(),
  name: z.string(),
  description: z.string(),
  access: z.enum(FORM_ACCESS),
  fields: z.array(FormField),
  itemType: z.string(),
  priority: z.enum(PRIORITIES),
  triageStatusId: Id.nullable(),
  assigneeRule: AssigneeRule,
  createdBy: Id,
  createdAt: Instant,
  updatedAt: Instant,
  closedAt: Instant.nullable(),
  version: z.number(),
  abilities: Abilities,
});

/** What anyone with the link sees: no ids, no mappings, no people. */
export const PublicForm = z.object({
  publicId: z.string(),
  name: z.string(),
  description: z.string(),
  workspaceName: z.string(),
  access: z.enum(FORM_ACCESS),
  /** public forms ask for the requester's email (body field `email`) */
  asksForEmail: z.boolean(),
  /** the body key to leave empty (hide it from people) */
  honeypot: z.literal(HONEYPOT_FIELD),
  fields: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      kind: z.enum(FORM_FIELD_KINDS),
      required: z.boolean(),
      maxLength: z.number(),
      options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
      help: z.string().optional(),
    }),
  ),
  closed: z.boolean(),
});

export const FormPublicParams = z.strictObject({ publicId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) });

/** A submission: field values by key (strings), the requester's email on public forms, and the honeypot. */
export const SubmitFormInput = z.strictObject({
  email: z.string().trim().max(INTAKE_LIMITS.emailMax).optional(),
  values: z.record(z.string().max(40), z.string().max(INTAKE_LIMITS.longTextMax)).refine((r) => Object.keys(r).length <= INTAKE_LIMITS.fieldsPerForm, 'too many values'),
  [HONEYPOT_FIELD]: z.string().max(2000).optional(),
});

export const SubmissionReceipt = z.object({
  reference: z.string(),
  /** API path where the requester reads the status, no account needed */
  statusPath: z.string(),
});

/** The requester's view: nothing internal (no people, no comments, no ids). */
export const RequestStatus = z.object({
  reference: z.string(),
  title: z.string(),
  state: z.enum(REQUEST_STATES),
  statusCategory: z.enum(STATUS_CATEGORIES),
  declineReason: z.string().nullable(),
  /** For a request merged as a duplicate: how the original is progressing (never its reference or title). */
  original: z.object({ statusCategory: z.enum(STATUS_CATEGORIES) }).nullable(),
  submittedAt: Instant,
});

export const ReferenceParams = z.strictObject({ reference: z.string().min(1).max(64) });

const SlaTarget = z.object({ dueAt: Instant.nullable(), atRiskAt: Instant.nullable(), metAt: Instant.nullable(), state: z.enum([...SLA_STATES, 'met']).nullable() });

export const IntakeRequest = z.object({
  id: Id,
  reference: z.string(),
  workspaceId: Id,
  spaceId: Id,
  formId: Id,
  itemId: Id,
  itemKey: z.string(),
  title: z.string(),
  statusCategory: z.enum(STATUS_CATEGORIES),
  priority: z.enum(PRIORITIES),
  /** null for guests of the space */
  requesterEmail: z.string().nullable(),
  requesterUserId: Id.nullable(),
  state: z.enum(REQUEST_STATES),
  declineReason: z.string().nullable(),
  mergedIntoId: Id.nullable(),
  mergedIntoReference: z.string().nullable(),
  triagedBy: Id.nullable(),
  triagedAt: Instant.nullable(),
  sla: z
    .object({
      policyId: Id.nullable(),
      state: z.enum(SLA_STATES),
      firstResponse: SlaTarget,
      resolution: SlaTarget,
    })
    .nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  version: z.number(),
  abilities: Abilities,
});

export const RequestListQuery = z.strictObject({
  state: z.enum(REQUEST_STATES).optional(),
  sla: z.enum(SLA_STATES).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const RequestIdParams = z.strictObject({ id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) });
export const AcceptRequestInput = z.strictObject({ statusId: Id.optional() });
export const DeclineRequestInput = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
export const MergeRequestInput = z.strictObject({ into: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) });

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM (00:00–24:00)');
const Span = z.strictObject({ start: ClockTime, end: ClockTime });
/** Working hours of one weekday: sorted, non-overlapping spans (a lunch break splits the day). */
const DayHours = z
  .array(Span)
  .max(6)
  .superRefine((spans, ctx) => {
    spans.forEach((s, i) => {
      if (s.start >= s.end) ctx.addIssue({ code: 'custom', path: [i], message: 'start must be before end' });
      if (i > 0 && s.start < spans[i - 1].end) ctx.addIssue({ code: 'custom', path: [i], message: 'spans must be in order and not overlap' });
    });
  });
export const WeeklyHours = z
  .strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, DayHours.default([])])) as Record<(typeof WEEKDAYS)[number], z.ZodDefault<typeof DayHours>>)
  .refine((h) => Object.values(h).some((spans) => spans.length > 0), 'at least one working span in the week');
export type WeeklyHours = z.output<typeof WeeklyHours>;
const Holidays = z.array(z.iso.date()).max(1000);

const DEFAULT_HOURS = { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }], wed: [{ start: '09:00', end: '17:00' }], thu: [{ start: '09:00', end: '17:00' }], fri: [{ start: '09:00', end: '17:00' }] };

export const CreateCalendarInput = z.strictObject({
  name: Name,
  timeZone: TimeZone,
  /** default Monday–Friday 09:00–17:00 */
  hours: WeeklyHours.default(WeeklyHours.parse(DEFAULT_HOURS)),
  holidays: Holidays.default([]),
});
export const UpdateCalendarInput = z.strictObject({
  version: Version.optional(),
  name: Name.optional(),
  timeZone: TimeZone.optional(),
  hours: WeeklyHours.optional(),
  holidays: Holidays.optional(),
});
export const Calendar = z.object({
  id: Id,
  workspaceId: Id,
  name: z.string(),
  timeZone: z.string(),
  hours: z.record(z.enum(WEEKDAYS), z.array(z.object({ start: z.string(), end: z.string() }))),
  holidays: z.array(z.string()),
  createdAt: Instant,
  updatedAt: Instant,
  version: z.number(),
  abilities: Abilities,
});

const Minutes = z.number().int().min(1).max(1_000_000);
const PriorityTarget = z.strictObject({ firstResponseMinutes: Minutes.optional(), resolutionMinutes: Minutes.optional() });
/** Targets by priority in business minutes; a priority without one has no SLA. */
export const SlaTargets = z.strictObject(Object.fromEntries(PRIORITIES.map((p) => [p, PriorityTarget.optional()])) as Record<(typeof PRIORITIES)[number], z.ZodOptional<typeof PriorityTarget>>);
export type SlaTargets = z.output<typeof SlaTargets>;

export const CreateSlaPolicyInput = z.strictObject({ name: Name.default('SLA'), calendarId: Id, targets: SlaTargets });
export const UpdateSlaPolicyInput = z.strictObject({ version: Version.optional(), name: Name.optional(), calendarId: Id.optional(), targets: SlaTargets.optional() });
export const SlaPolicy = z.object({
  id: Id,
  workspaceId: Id,
  spaceId: Id,
  name: z.string(),
  calendarId: Id,
  targets: SlaTargets,
  createdAt: Instant,
  updatedAt: Instant,
  version: z.number(),
  abilities: Abilities,
});
