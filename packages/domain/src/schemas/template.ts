// Schemas of issue 4: templates (item templates and space templates).
import { z } from 'zod';
import { FIELD_TYPES, SPACE_KINDS, SPACE_VISIBILITIES, STATUS_CATEGORIES, VIEW_LAYOUTS } from '../workflow';
import { Abilities, Id, Instant, Markdown, Name, Version } from './common';
import { Field, View } from './config';
import { FieldValues, Item, PrioritySchema, Title, TypeKey } from './item';
import { Space, SpaceKey } from './space';

export const TEMPLATE_KINDS = ['item', 'space'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** How deep subitems nest in an item template, and how many items one template may create. */
export const TEMPLATE_MAX_DEPTH = 4;
export const TEMPLATE_MAX_ITEMS = 200;

const Offset = z.number().int().min(-3650).max(3650);

type ItemNode = {
  title: string;
  description?: string;
  type?: string;
  priority?: z.infer<typeof PrioritySchema>;
  labelIds?: string[];
  assigneeIds?: string[];
  fields?: Record<string, unknown>;
  estimate?: number | null;
  startInDays?: number;
  dueInDays?: number;
  checklist?: string[];
  subitems?: ItemNode[];
};

/**
 * One item of a template and, recursively, its subitems. `checklist` is sugar for plain subitems
 * (a title each). Dates are kept relative (`dueInDays` after the day it is applied, in the
 * workspace's time zone), since an absolute date in a template is stale the week after.
 */
export const TemplateItem: z.ZodType<ItemNode> = z.lazy(() =>
  z.strictObject({
    title: Title,
    description: Markdown.optional(),
    type: TypeKey.optional(),
    priority: PrioritySchema.optional(),
    labelIds: z.array(Id).max(100).optional(),
    assigneeIds: z.array(Id).max(50).optional(),
    fields: FieldValues.optional(),
    estimate: z.number().min(0).max(1_000_000).nullable().optional(),
    startInDays: Offset.optional(),
    dueInDays: Offset.optional(),
    checklist: z.array(Title).max(100).optional(),
    subitems: z.array(TemplateItem).max(100).optional(),
  }),
);
export type TemplateItem = ItemNode;

export const ItemTemplateContent = z.strictObject({ item: TemplateItem });

export const TemplateStatus = z.strictObject({ name: Name, category: z.enum(STATUS_CATEGORIES), color: z.string().max(32).nullable().optional() });
export const TemplateField = z.strictObject({
  name: Name,
  type: z.enum(FIELD_TYPES),
  options: z.array(z.strictObject({ name: z.string().trim().min(1).max(100), color: z.string().max(32).optional() })).max(500).optional(),
});
export const TemplateView = z.strictObject({
  name: Name,
  query: z.string().max(2000).default(''),
  layout: z.enum(VIEW_LAYOUTS).default('list'),
  shared: z.boolean().default(true),
  options: z.record(z.string(), z.unknown()).optional(),
});

/**
 * A space template: the space's settings, workflow, space-scoped custom fields and saved views.
 * `routines` and `forms` are the extension point for those areas: kept as opaque entries here and
 * applied by the handler the area registers on the server (commands/templates/extensions.ts).
 */
export const SpaceTemplateContent = z.strictObject({
  space: z
    .strictObject({
      kind: z.enum(SPACE_KINDS).default('stream'),
      description: Markdown.default(''),
      visibility: z.enum(SPACE_VISIBILITIES).default('workspace'),
    })
    .default({ kind: 'stream', description: '', visibility: 'workspace' }),
  statuses: z.array(TemplateStatus).min(1).max(100),
  fields: z.array(TemplateField).max(100).default([]),
  views: z.array(TemplateView).max(100).default([]),
  routines: z.array(z.record(z.string(), z.unknown())).max(100).default([]),
  forms: z.array(z.record(z.string(), z.unknown())).max(100).default([]),
  /** At most one: the space's SLA policy (a space has one). */
  slaPolicies: z.array(z.record(z.string(), z.unknown())).max(1).default([]),
});

const TemplateMeta = { name: Name, description: z.string().max(2000).default('') };

/** A new template from its content (or use the save-as-template routes to capture one). */
export const CreateTemplateInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('item'), ...TemplateMeta, spaceId: Id.optional(), content: ItemTemplateContent }),
  z.strictObject({ kind: z.literal('space'), ...TemplateMeta, spaceId: Id.optional(), content: SpaceTemplateContent }),
]);

/** A partial update; `content` must match the template's kind. */
export const UpdateTemplateInput = z.strictObject({
  version: Version.optional(),
  name: Name.optional(),
  description: z.string().max(2000).optional(),
  content: z.unknown().optional(),
});

export const SaveItemAsTemplateInput = z.strictObject({
  ...TemplateMeta,
  /** Capture the subitems too (recursively, up to the depth and size limits). */
  includeSubitems: z.boolean().default(true),
  /** Keep the item's assignees in the template (off by default: templates are usually reused by others). */
  includeAssignees: z.boolean().default(false),
  /** `space`: seen by those who can read the item's space; `workspace`: by every member. */
  scope: z.enum(['workspace', 'space']).default('space'),
});

export const SaveSpaceAsTemplateInput = z.strictObject({ ...TemplateMeta, includeViews: z.boolean().default(true) });

/** Applying a template: an item template needs `spaceId`; a space template needs `key` and `name`. */
export const ApplyTemplateInput = z.strictObject({
  spaceId: Id.optional(),
  parentId: Id.nullable().optional(),
  statusId: Id.optional(),
  title: Title.optional(),
  assigneeIds: z.array(Id).max(50).optional(),
  key: SpaceKey.optional(),
  name: Name.optional(),
  description: Markdown.optional(),
  visibility: z.enum(SPACE_VISIBILITIES).optional(),
  memberIds: z.array(Id).max(1000).optional(),
});

export const TemplateListQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  kind: z.enum(TEMPLATE_KINDS).optional(),
  spaceId: Id.optional(),
});

export const Template = z.object({
  id: Id,
  workspaceId: Id,
  kind: z.enum(TEMPLATE_KINDS),
  name: z.string(),
  description: z.string(),
  spaceId: Id.nullable(),
  content: z.record(z.string(), z.unknown()),
  createdBy: Id,
  version: z.number(),
  createdAt: Instant,
  updatedAt: Instant,
  abilities: Abilities,
});

/**
 * What applying made: the item and its subitems (level by level, in template order), or the space
 * with its fields and views. `dropped` names template references that no longer apply where it was
 * applied (a deleted label, a field of another space, an assignee who cannot see the space).
 */
export const ApplyTemplateResult = z.object({
  kind: z.enum(TEMPLATE_KINDS),
  item: Item.optional(),
  subitems: z.array(Item).optional(),
  space: Space.optional(),
  fields: z.array(Field).optional(),
  views: z.array(View).optional(),
  /** What the extensions made in the new space (space templates with routines, forms or an SLA policy). */
  routines: z.array(z.object({ id: Id, name: z.string() })).optional(),
  forms: z.array(z.object({ id: Id, name: z.string() })).optional(),
  slaPolicies: z.array(z.object({ id: Id, name: z.string() })).optional(),
  dropped: z.object({ labelIds: z.array(z.string()), fieldIds: z.array(z.string()), assigneeIds: z.array(z.string()), calendarIds: z.array(z.string()).optional() }),
});
