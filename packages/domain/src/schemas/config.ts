import { z } from 'zod';
import { FIELD_TYPES, VIEW_LAYOUTS } from '../workflow';
import { Abilities, Id, Instant, Name, Version } from './common';

export const FieldOption = z.object({ id: z.string().min(1).max(64), name: z.string().trim().min(1).max(100), color: z.string().max(32).optional() });
export const CreateFieldInput = z.strictObject({
  name: Name,
  type: z.enum(FIELD_TYPES),
  spaceId: Id.optional(),
  options: z.array(FieldOption.partial({ id: true })).max(500).optional(),
});
export const UpdateFieldInput = z.strictObject({
  version: Version.optional(),
  name: Name.optional(),
  options: z.array(FieldOption.partial({ id: true })).max(500).optional(),
});
export const Field = z.object({
  id: Id,
  workspaceId: Id,
  spaceId: Id.nullable(),
  name: z.string(),
  type: z.enum(FIELD_TYPES),
  options: z.array(FieldOption),
  version: z.number(),
  createdAt: Instant,
  abilities: Abilities,
});

export const CreateLabelInput = z.strictObject({ name: z.string().trim().min(1).max(64), color: z.string().max(32).optional() });
export const UpdateLabelInput = z.strictObject({ version: Version.optional(), name: z.string().trim().min(1).max(64).optional(), color: z.string().max(32).nullable().optional() });
export const Label = z.object({ id: Id, workspaceId: Id, name: z.string(), color: z.string().nullable(), version: z.number(), abilities: Abilities });

export const CreateItemTypeInput = z.strictObject({ key: z.string().min(1).max(32).regex(/^[a-z][a-z0-9_-]*$/), name: Name });
export const ItemType = z.object({ key: z.string(), name: z.string() });

export const CreateViewInput = z.strictObject({
  name: Name,
  query: z.string().max(2000).default(''),
  layout: z.enum(VIEW_LAYOUTS).default('list'),
  spaceId: Id.optional(),
  /** personal views are seen only by their owner; shared ones by everyone who can read the space */
  shared: z.boolean().default(false),
  options: z.record(z.string(), z.unknown()).optional(),
});
export const UpdateViewInput = z.strictObject({
  version: Version.optional(),
  name: Name.optional(),
  query: z.string().max(2000).optional(),
  layout: z.enum(VIEW_LAYOUTS).optional(),
  /** personal ↔ shared: only the view's owner may change it (`view.share`) */
  shared: z.boolean().optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});
export const View = z.object({
  id: Id,
  workspaceId: Id,
  spaceId: Id.nullable(),
  ownerId: Id.nullable(),
  name: z.string(),
  query: z.string(),
  layout: z.enum(VIEW_LAYOUTS),
  shared: z.boolean(),
  options: z.record(z.string(), z.unknown()),
  version: z.number(),
  createdAt: Instant,
  abilities: Abilities,
});

export const Event = z.object({
  seq: z.number(),
  type: z.string(),
  workspaceId: Id,
  spaceId: Id.nullable(),
  itemId: Id.nullable(),
  actorId: Id.nullable(),
  at: Instant,
  data: z.record(z.string(), z.unknown()),
});
export const EventsQuery = z.strictObject({ since: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(200) });
