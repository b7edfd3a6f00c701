import { z } from 'zod';
import { PROJECT_STATUSES, SPACE_KINDS, SPACE_VISIBILITIES, STATUS_CATEGORIES } from '../workflow';
import { Abilities, Id, Instant, Markdown, Name, Version } from './common';

export const SpaceKey = z.string().min(1).max(10).regex(/^[A-Z][A-Z0-9]*$/, 'uppercase letters and digits, starting with a letter');
export const StatusCategorySchema = z.enum(STATUS_CATEGORIES);
const CalendarDate = z.iso.date();

export const CreateSpaceInput = z.strictObject({
  key: SpaceKey,
  name: Name,
  kind: z.enum(SPACE_KINDS).default('stream'),
  description: Markdown.default(''),
  visibility: z.enum(SPACE_VISIBILITIES).default('workspace'),
  goal: z.string().max(2000).optional(),
  startDate: CalendarDate.optional(),
  targetDate: CalendarDate.optional(),
  leadId: Id.optional(),
  projectStatus: z.enum(PROJECT_STATUSES).optional(),
  memberIds: z.array(Id).max(1000).optional(),
});
export const UpdateSpaceInput = z.strictObject({
  version: Version.optional(),
  name: Name.optional(),
  description: Markdown.optional(),
  visibility: z.enum(SPACE_VISIBILITIES).optional(),
  goal: z.string().max(2000).nullable().optional(),
  startDate: CalendarDate.nullable().optional(),
  targetDate: CalendarDate.nullable().optional(),
  leadId: Id.nullable().optional(),
  projectStatus: z.enum(PROJECT_STATUSES).optional(),
  archived: z.boolean().optional(),
});

export const Status = z.object({
  id: Id,
  spaceId: Id,
  name: z.string(),
  category: StatusCategorySchema,
  position: z.number(),
  color: z.string().nullable(),
});
export type Status = z.infer<typeof Status>;

export const Space = z.object({
  id: Id,
  workspaceId: Id,
  key: z.string(),
  name: z.string(),
  kind: z.enum(SPACE_KINDS),
  description: z.string(),
  visibility: z.enum(SPACE_VISIBILITIES),
  goal: z.string().nullable(),
  startDate: z.string().nullable(),
  targetDate: z.string().nullable(),
  leadId: Id.nullable(),
  projectStatus: z.enum(PROJECT_STATUSES).nullable(),
  statuses: z.array(Status),
  memberIds: z.array(Id),
  progress: z.object({ total: z.number(), done: z.number() }).optional(),
  archivedAt: Instant.nullable(),
  version: z.number(),
  createdAt: Instant,
  updatedAt: Instant,
  abilities: Abilities,
});

export const SpaceMembersInput = z.strictObject({ add: z.array(Id).max(1000).default([]), remove: z.array(Id).max(1000).default([]) });

export const CreateStatusInput = z.strictObject({
  name: Name,
  category: StatusCategorySchema,
  color: z.string().max(32).optional(),
  /** Insert before this status; at the end when absent. */
  beforeId: Id.optional(),
});
export const UpdateStatusInput = z.strictObject({
  name: Name.optional(),
  category: StatusCategorySchema.optional(),
  color: z.string().max(32).nullable().optional(),
});
/** The full new order of a space's statuses. */
export const ReorderStatusesInput = z.strictObject({ order: z.array(Id).min(1).max(100) });
export const DeleteStatusInput = z.strictObject({ moveItemsTo: Id.optional() });
