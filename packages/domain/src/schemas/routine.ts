// Schemas of issue 4: routines and the scheduler.
import { z } from 'zod';
import { firstOccurrenceWithin, impossibleRuleReasons, isCalendarDate, parseRRule, type Recurrence } from '../recurrence/index';
import { titleTemplateErrors } from '../routines/title';
import { Abilities, Id, Instant, isTimeZone, Markdown, Name, Version } from './common';
import { FieldValue, FieldValues, PrioritySchema, Title, TypeKey } from './item';

export type { Recurrence } from '../recurrence/index';
export {
  afterCompletion,
  describeLocal,
  firstOccurrenceWithin,
  impossibleRuleReasons,
  leadTimeBefore,
  localToInstant,
  nextOccurrences,
  occurrencesBetween,
  parseRRule,
  previousOccurrence,
  RECURRENCE_FREQS,
} from '../recurrence/index';

const LOCAL_START = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)$/;
/** A local wall-clock date and time 'YYYY-MM-DDTHH:mm' (no zone, no seconds). */
export const LocalDateTime = z
  .string()
  .regex(LOCAL_START, "must be a local date and time 'YYYY-MM-DDTHH:mm', e.g. 2026-01-05T09:00")
  .refine((s) => isCalendarDate(s.slice(0, 10)), 'is not a real calendar date');
/** A local calendar date 'YYYY-MM-DD'. */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date 'YYYY-MM-DD'")
  .refine(isCalendarDate, 'is not a real calendar date');

/** A recurrence rule in a zone; checks RRULE syntax, the zone and the start, and that the rule ever occurs. */
export const RecurrenceSchema: z.ZodType<Recurrence> = z
  .strictObject({
    rrule: z.string().min(1, 'is required, e.g. FREQ=WEEKLY;BYDAY=MO').max(500),
    timeZone: z
      .string()
      .min(1)
      .max(64)
      .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin or America/New_York'),
    start: LocalDateTime,
    exdates: z.array(LocalDate).max(500).optional(),
  })
  .superRefine((r, ctx) => {
    const { errors, normalized, parts } = parseRRule(r.rrule);
    for (const message of errors) ctx.addIssue({ code: 'custom', path: ['rrule'], message });
    if (errors.length > 0 || !isTimeZone(r.timeZone) || !LOCAL_START.test(r.start) || !isCalendarDate(r.start.slice(0, 10))) return;
    // Impossible shapes are refused statically; the probe behind them is capped, so any rule costs milliseconds.
    const impossible = impossibleRuleReasons(parts, r.start);
    for (const reason of impossible) ctx.addIssue({ code: 'custom', path: ['rrule'], message: `the rule has no occurrences: ${reason}` });
    if (impossible.length > 0) return;
    if (!firstOccurrenceWithin({ ...r, rrule: normalized })) {
      ctx.addIssue({ code: 'custom', path: ['rrule'], message: 'the rule has no occurrences, or its first is too far away (check BYMONTHDAY, BYMONTH, BYSETPOS, INTERVAL, COUNT, UNTIL and exdates)' });
    }
  });

// ---- Routines -------------------------------------------------------------------------------
export { formatLocalDate, renderTitle, TITLE_DATE_TOKENS, titleTemplateErrors } from '../routines/title';

export const ROUTINE_ANCHORS = ['schedule', 'completion'] as const;
export type RoutineAnchor = (typeof ROUTINE_ANCHORS)[number];
export const OCCURRENCE_STATES = ['created', 'skipped', 'pending'] as const;

/** What each occurrence's item is made from. The title may hold `{{date:FORMAT}}` placeholders. */
export const RoutineTemplate = z.strictObject({
  title: Title.refine((t) => titleTemplateErrors(t).length === 0, { message: 'has an unknown placeholder: use {{date}} or {{date:FORMAT}}, e.g. {{date:MMMM YYYY}}' }),
  description: Markdown.default(''),
  type: TypeKey.default('task'),
  priority: PrioritySchema.default('none'),
  labelIds: z.array(Id).max(100).default([]),
  /** assigned on every occurrence (rotation adds one more person each time) */
  assigneeIds: z.array(Id).max(50).default([]),
  fields: FieldValues.optional(),
  /** subitems created under each occurrence */
  subitems: z.array(z.strictObject({ title: Title, description: Markdown.optional() })).max(50).default([]),
  /** a checklist: subitems by title only */
  checklist: z.array(Title).max(100).default([]),
});
export type RoutineTemplate = z.output<typeof RoutineTemplate>;

const RoutineFields = {
  name: Name,
  recurrence: RecurrenceSchema,
  anchor: z.enum(ROUTINE_ANCHORS),
  skipWhileOpen: z.boolean(),
  leadDays: z.number().int().min(0).max(365),
  template: RoutineTemplate,
  /** round-robin: each occurrence is assigned to the next of these people (removed members skipped) */
  rotation: z.array(Id).max(100),
};

/** Completion-anchored routines count FREQ × INTERVAL from each completion; other rule parts would be ignored, so they are refused. */
function checkAnchor(v: { anchor?: RoutineAnchor; recurrence?: Recurrence }, ctx: z.RefinementCtx) {
  if (v.anchor !== 'completion' || !v.recurrence) return;
  const { parts } = parseRRule(v.recurrence.rrule);
  const extra = [...parts.keys()].filter((k) => k !== 'FREQ' && k !== 'INTERVAL');
  if (extra.length > 0) {
    ctx.addIssue({ code: 'custom', path: ['recurrence', 'rrule'], message: `a completion-anchored routine uses only FREQ and INTERVAL ("every N days/weeks/months/years after completion"); remove ${extra.join(', ')}` });
  }
}

export const CreateRoutineInput = z
  .strictObject({
    ...RoutineFields,
    anchor: RoutineFields.anchor.default('schedule'),
    skipWhileOpen: z.boolean().default(false),
    leadDays: RoutineFields.leadDays.default(0),
    rotation: RoutineFields.rotation.default([]),
    paused: z.boolean().default(false),
  })
  .superRefine(checkAnchor);
export type CreateRoutineInput = z.output<typeof CreateRoutineInput>;

/** Edits the series: occurrences not yet created follow the new rule and template; created items stay as they are. */
export const UpdateRoutineInput = z
  .strictObject({
    version: Version.optional(),
    name: Name.optional(),
    recurrence: RecurrenceSchema.optional(),
    anchor: RoutineFields.anchor.optional(),
    skipWhileOpen: z.boolean().optional(),
    leadDays: RoutineFields.leadDays.optional(),
    template: RoutineTemplate.optional(),
    rotation: RoutineFields.rotation.optional(),
  })
  .superRefine(checkAnchor);
export type UpdateRoutineInput = z.output<typeof UpdateRoutineInput>;

export const VersionInput = z.strictObject({ version: Version.optional() });

export const Routine = z.object({
  id: Id,
  workspaceId: Id,
  spaceId: Id,
  name: z.string(),
  recurrence: z.object({ rrule: z.string(), timeZone: z.string(), start: z.string(), exdates: z.array(z.string()) }),
  anchor: z.enum(ROUTINE_ANCHORS),
  skipWhileOpen: z.boolean(),
  leadDays: z.number(),
  template: z.object({
    title: z.string(),
    description: z.string(),
    type: z.string(),
    priority: PrioritySchema,
    labelIds: z.array(Id),
    assigneeIds: z.array(Id),
    fields: z.record(z.string(), FieldValue).optional(),
    subitems: z.array(z.object({ title: z.string(), description: z.string().optional() })),
    checklist: z.array(z.string()),
  }),
  rotation: z.array(Id),
  paused: z.boolean(),
  pausedAt: Instant.nullable(),
  /** the next occurrence not yet created (null: paused, finished, or waiting for a completion) */
  nextAt: Instant.nullable(),
  /** when the scheduler creates it (nextAt minus the lead time) */
  nextCreateAt: Instant.nullable(),
  /** occurrences up to this instant have been handled (created, skipped or missed) */
  handledThrough: Instant.nullable(),
  /** why the last attempt to create an occurrence failed (cleared by the next success) */
  lastError: z.string().nullable(),
  runAs: Id,
  createdBy: Id,
  createdAt: Instant,
  updatedAt: Instant,
  version: z.number(),
  abilities: Abilities,
});
export type Routine = z.infer<typeof Routine>;

export const RoutineListQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const LocalPair = z.object({ date: z.string(), time: z.string(), timeZone: z.string() });

export const PreviewQuery = z.strictObject({ count: z.coerce.number().int().min(1).max(100).default(10) });
export const RoutinePreview = z.object({
  routineId: Id,
  paused: z.boolean(),
  /** for completion-anchored routines: true while the next date waits for the current item to be completed */
  waitingForCompletion: z.boolean(),
  occurrences: z.array(
    z.object({
      /** the occurrence as the rule makes it (the key of skip/postpone/edit) */
      occurrenceAt: Instant,
      /** the item's due time (differs when postponed) */
      dueAt: Instant,
      createAt: Instant,
      state: z.enum(['scheduled', 'skipped', 'postponed', 'edited']),
      title: z.string(),
      /** local date and time in the routine's zone */
      local: LocalPair,
      /** the same instant in the viewer's own zone (their profile's) */
      viewer: LocalPair,
    }),
  ),
});

/** An occurrence by the local date it falls on in the routine's zone ('YYYY-MM-DD') or by its instant. */
export const OccurrenceParams = z.strictObject({
  id: Id,
  occurrence: z.union([LocalDate, z.iso.datetime({ offset: true })]),
});

export const RoutineOccurrence = z.object({
  id: Id,
  routineId: Id,
  occurrenceAt: Instant,
  localDate: z.string(),
  state: z.enum(OCCURRENCE_STATES),
  dueAt: Instant,
  createAt: Instant,
  itemId: Id.nullable(),
  itemKey: z.string().nullable(),
  assigneeId: Id.nullable(),
  /** why it was skipped: 'user' or 'previous_open' (skip while open) */
  reason: z.string().nullable(),
  override: z.record(z.string(), z.unknown()).nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});

/** Postpones one occurrence to a new local date and time (the routine's zone), or by whole days. */
export const PostponeOccurrenceInput = z
  .strictObject({ to: LocalDateTime.optional(), days: z.number().int().min(1).max(365).optional() })
  .refine((v) => (v.to === undefined) !== (v.days === undefined), { message: 'give either "to" (YYYY-MM-DDTHH:mm) or "days"' });

/** Changes one occurrence before it is created (after that it is a normal item: edit the item). */
export const EditOccurrenceInput = z
  .strictObject({
    title: Title.optional(),
    description: Markdown.optional(),
    priority: PrioritySchema.optional(),
    assigneeIds: z.array(Id).max(50).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'change at least one of title, description, priority, assigneeIds' });
