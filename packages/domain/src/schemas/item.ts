import { z } from 'zod';
import { LINK_KINDS, PRIORITIES } from '../workflow';
import { Abilities, DateOrDateTime, Id, Instant, Markdown, Version } from './common';

export const PrioritySchema = z.enum(PRIORITIES);
export const ItemKey = z.string().regex(/^[A-Z][A-Z0-9]*-\d+$/);
export const Title = z.string().trim().min(1).max(500);
export const TypeKey = z.string().min(1).max(32).regex(/^[a-z][a-z0-9_-]*$/);
/** A custom field value; its shape is checked against the field's type by the command. */
export const FieldValue = z.union([z.string().max(10_000), z.number(), z.boolean(), z.array(z.string().max(500)).max(200), z.null()]);
export const FieldValues = z.record(Id, FieldValue).refine((r) => Object.keys(r).length <= 200, 'at most 200 fields');

const ItemFields = {
  title: Title,
  description: Markdown,
  type: TypeKey,
  statusId: Id,
  priority: PrioritySchema,
  assigneeIds: z.array(Id).max(50),
  ownerId: Id.nullable(),
  labelIds: z.array(Id).max(100),
  startAt: DateOrDateTime.nullable(),
  dueAt: DateOrDateTime.nullable(),
  estimate: z.number().min(0).max(1_000_000).nullable(),
  parentId: Id.nullable(),
  fields: FieldValues,
};

export const CreateItemInput = z.strictObject({
  ...ItemFields,
  description: Markdown.default(''),
  type: TypeKey.default('task'),
  statusId: Id.optional(),
  priority: PrioritySchema.default('none'),
  assigneeIds: ItemFields.assigneeIds.default([]),
  ownerId: Id.nullable().optional(),
  labelIds: ItemFields.labelIds.default([]),
  startAt: ItemFields.startAt.optional(),
  dueAt: ItemFields.dueAt.optional(),
  estimate: ItemFields.estimate.optional(),
  parentId: Id.nullable().optional(),
  fields: FieldValues.optional(),
});
export type CreateItemInput = z.infer<typeof CreateItemInput>;

/** Up to 1,000 items in one request (imports, programs); one transaction, all or nothing. */
export const CreateItemsInput = z.strictObject({ items: z.array(CreateItemInput).min(1).max(1000) });

/** A partial update; `version` is the one the change was based on (or send `If-Match`). */
export const UpdateItemInput = z.strictObject({
  version: Version.optional(),
  title: Title.optional(),
  description: Markdown.optional(),
  type: TypeKey.optional(),
  statusId: Id.optional(),
  priority: PrioritySchema.optional(),
  assigneeIds: ItemFields.assigneeIds.optional(),
  ownerId: Id.nullable().optional(),
  labelIds: ItemFields.labelIds.optional(),
  startAt: ItemFields.startAt.optional(),
  dueAt: ItemFields.dueAt.optional(),
  estimate: ItemFields.estimate.optional(),
  parentId: Id.nullable().optional(),
  fields: FieldValues.optional(),
  /** Extra spaces this item also appears in (multi-homing); its home space and workflow stay. */
  alsoInSpaceIds: z.array(Id).max(50).optional(),
});
export type UpdateItemInput = z.infer<typeof UpdateItemInput>;

/** Move within or across statuses: place between two neighbours (either may be absent). */
export const MoveItemInput = z.strictObject({
  version: Version.optional(),
  statusId: Id.optional(),
  afterId: Id.nullable().optional(),
  beforeId: Id.nullable().optional(),
  /** Move to another space (the item gets a new key there; the old key still resolves). */
  spaceId: Id.optional(),
});

export const LinkInput = z.strictObject({
  kind: z.enum([...LINK_KINDS, 'blocked_by']),
  itemId: Id,
});

export const ItemLink = z.object({ id: Id, kind: z.enum([...LINK_KINDS, 'blocked_by']), itemId: Id, itemKey: z.string(), title: z.string() });

export const Item = z.object({
  id: Id,
  workspaceId: Id,
  spaceId: Id,
  key: z.string(),
  number: z.number(),
  type: z.string(),
  title: z.string(),
  description: z.string(),
  statusId: Id,
  statusCategory: z.string(),
  priority: PrioritySchema,
  assigneeIds: z.array(Id),
  ownerId: Id.nullable(),
  labelIds: z.array(Id),
  startAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  estimate: z.number().nullable(),
  parentId: Id.nullable(),
  position: z.string(),
  fields: z.record(z.string(), FieldValue),
  alsoInSpaceIds: z.array(Id),
  links: z.array(ItemLink),
  progress: z.object({ total: z.number(), done: z.number() }),
  version: z.number(),
  createdBy: Id,
  createdAt: Instant,
  updatedAt: Instant,
  completedAt: Instant.nullable(),
  deletedAt: Instant.nullable(),
  abilities: Abilities,
});
export type Item = z.infer<typeof Item>;

export const ItemListQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  q: z.string().max(2000).optional(),
  deleted: z.enum(['true', 'false']).optional(),
});

export const BulkInput = z.strictObject({
  itemIds: z.array(Id).min(1).max(1000),
  set: z.strictObject({
    statusId: Id.optional(),
    priority: PrioritySchema.optional(),
    assigneeIds: z.array(Id).max(50).optional(),
    addAssigneeIds: z.array(Id).max(50).optional(),
    removeAssigneeIds: z.array(Id).max(50).optional(),
    labelIds: z.array(Id).max(100).optional(),
    addLabelIds: z.array(Id).max(100).optional(),
    removeLabelIds: z.array(Id).max(100).optional(),
    spaceId: Id.optional(),
    delete: z.boolean().optional(),
  }),
});

export const CreateCommentInput = z.strictObject({ body: Markdown.pipe(z.string().trim().min(1)) });
export const UpdateCommentInput = z.strictObject({ body: Markdown.pipe(z.string().trim().min(1)), version: Version.optional() });
export const Comment = z.object({
  id: Id,
  itemId: Id,
  authorId: Id,
  body: z.string(),
  mentionIds: z.array(Id),
  version: z.number(),
  createdAt: Instant,
  updatedAt: Instant,
  editedAt: Instant.nullable(),
  abilities: Abilities,
});

export const Activity = z.object({
  seq: z.number(),
  type: z.string(),
  actorId: Id.nullable(),
  at: Instant,
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).optional(),
  data: z.record(z.string(), z.unknown()),
});
