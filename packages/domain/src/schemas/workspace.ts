import { z } from 'zod';
import { ROLES } from '../permissions';
import { Abilities, Id, Instant, Name, TimeZone, Version } from './common';

export const RoleSchema = z.enum(ROLES);
export const Slug = z.string().min(2).max(48).regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes');

export const CreateWorkspaceInput = z.strictObject({ name: Name, slug: Slug.optional(), timeZone: TimeZone.optional() });
export const UpdateWorkspaceInput = z.strictObject({ version: Version.optional(), name: Name.optional(), timeZone: TimeZone.optional() });
export const Workspace = z.object({
  id: Id,
  name: z.string(),
  slug: z.string(),
  timeZone: z.string(),
  role: RoleSchema,
  version: z.number(),
  createdAt: Instant,
  updatedAt: Instant,
  abilities: Abilities,
});

export const Member = z.object({
  userId: Id,
  workspaceId: Id,
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
  version: z.number(),
  joinedAt: Instant,
  abilities: Abilities,
});
export const UpdateMemberInput = z.strictObject({ role: RoleSchema, version: Version.optional() });

export const CreateInviteInput = z.strictObject({
  role: RoleSchema.default('member'),
  email: z.email().max(254).optional(),
  spaceIds: z.array(Id).max(100).optional(),
  expiresInDays: z.number().int().min(1).max(90).default(14),
});
export const Invite = z.object({
  id: Id,
  workspaceId: Id,
  role: RoleSchema,
  email: z.string().nullable(),
  spaceIds: z.array(Id),
  createdAt: Instant,
  expiresAt: Instant,
  acceptedAt: Instant.nullable(),
  revokedAt: Instant.nullable(),
});
/** Returned once, at creation: the link carries the secret token. */
export const CreatedInvite = Invite.extend({ token: z.string(), url: z.string() });

export const CreateTeamInput = z.strictObject({ name: Name, memberIds: z.array(Id).max(1000).default([]) });
export const UpdateTeamInput = z.strictObject({ version: Version.optional(), name: Name.optional(), memberIds: z.array(Id).max(1000).optional() });
export const Team = z.object({
  id: Id,
  workspaceId: Id,
  name: z.string(),
  memberIds: z.array(Id),
  version: z.number(),
  createdAt: Instant,
  abilities: Abilities,
});
