// Schemas of issue 4: check-ins.
import { z } from 'zod';
import { Abilities, Id, Instant, Markdown, Name, Version } from './common';
import { RecurrenceSchema } from './routine';

export const CHECKIN_VISIBILITIES = ['workspace', 'participants'] as const;
export type CheckinVisibility = (typeof CHECKIN_VISIBILITIES)[number];
export const PROMPT_STATES = ['pending', 'answered', 'skipped'] as const;

const Question = z.string().trim().min(1).max(2000);
/** Open items untouched for this many days count as aging in drafts. */
const AgingDays = z.number().int().min(1).max(365);

export const CreateCheckinInput = z.strictObject({
  name: Name,
  question: Question,
  /** Evaluated in each participant's own time zone; `timeZone` is the fallback zone. */
  recurrence: RecurrenceSchema,
  participantIds: z.array(Id).max(500).default([]),
  /** Everyone in this team takes part too (resolved each time an occurrence opens). */
  teamId: Id.nullable().optional(),
  /** Drafts then draw only on items of this space. */
  spaceId: Id.nullable().optional(),
  visibility: z.enum(CHECKIN_VISIBILITIES).default('workspace'),
  agingDays: AgingDays.default(7),
});

export const UpdateCheckinInput = z.strictObject({
  version: Version.optional(),
  name: Name.optional(),
  question: Question.optional(),
  recurrence: RecurrenceSchema.optional(),
  participantIds: z.array(Id).max(500).optional(),
  teamId: Id.nullable().optional(),
  spaceId: Id.nullable().optional(),
  visibility: z.enum(CHECKIN_VISIBILITIES).optional(),
  agingDays: AgingDays.optional(),
  paused: z.boolean().optional(),
});

export const Checkin = z.object({
  id: Id,
  workspaceId: Id,
  name: z.string(),
  question: z.string(),
  recurrence: z.object({ rrule: z.string(), timeZone: z.string(), start: z.string(), exdates: z.array(z.string()).optional() }),
  participantIds: z.array(Id),
  teamId: Id.nullable(),
  spaceId: Id.nullable(),
  visibility: z.enum(CHECKIN_VISIBILITIES),
  agingDays: z.number(),
  pausedAt: Instant.nullable(),
  createdBy: Id,
  version: z.number(),
  createdAt: Instant,
  updatedAt: Instant,
  abilities: Abilities,
});

const DraftItem = z.object({ itemId: Id, key: z.string(), title: z.string() });
/** What moved for one person since their previous prompt: the starting point of an answer. */
export const CheckinDraft = z.object({
  from: Instant.nullable(),
  to: Instant,
  completed: z.array(DraftItem),
  started: z.array(DraftItem),
  blocked: z.array(DraftItem.extend({ blockedBy: z.array(z.object({ key: z.string(), title: z.string() })) })),
  aging: z.array(DraftItem.extend({ idleDays: z.number() })),
  markdown: z.string(),
});
export type CheckinDraft = z.infer<typeof CheckinDraft>;

export const CheckinOccurrence = z.object({
  id: Id,
  checkinId: Id,
  /** The local date of the occurrence (the same date for everyone, at their own local time). */
  date: z.string(),
  openedAt: Instant,
  counts: z.object({ answered: z.number(), skipped: z.number(), pending: z.number() }),
  /** The caller's own prompt state, or null when they were not asked. */
  myState: z.enum(PROMPT_STATES).nullable(),
});

export const CheckinComment = z.object({
  id: Id,
  answerId: Id,
  authorId: Id,
  body: z.string(),
  version: z.number(),
  createdAt: Instant,
  updatedAt: Instant,
  editedAt: Instant.nullable(),
  abilities: Abilities,
});

export const CheckinAnswer = z.object({
  id: Id,
  occurrenceId: Id,
  userId: Id,
  body: z.string(),
  version: z.number(),
  createdAt: Instant,
  updatedAt: Instant,
  editedAt: Instant.nullable(),
  comments: z.array(CheckinComment),
  abilities: Abilities,
});

/** The occurrence page: every answer with its thread, and who answered, skipped or is pending. */
export const CheckinOccurrenceDetails = CheckinOccurrence.extend({
  question: z.string(),
  prompts: z.array(z.object({ userId: Id, name: z.string(), timeZone: z.string(), dueAt: Instant, state: z.enum(PROMPT_STATES) })),
  answered: z.array(Id),
  skipped: z.array(Id),
  pending: z.array(Id),
  answers: z.array(CheckinAnswer),
});

export const PutAnswerInput = z.strictObject({ body: Markdown.pipe(z.string().trim().min(1)), version: Version.optional() });
export const CheckinCommentInput = z.strictObject({ body: Markdown.pipe(z.string().trim().min(1)) });
export const UpdateCheckinCommentInput = z.strictObject({ body: Markdown.pipe(z.string().trim().min(1)), version: Version.optional() });
export const CheckinOccurrenceParams = z.strictObject({ id: Id, occurrenceId: Id });
