import { z } from 'zod';
import { Id, Instant, Name, TimeZone } from './common';

export const Email = z.email().max(254).transform((s) => s.toLowerCase());
export const Password = z.string().min(8).max(256);

export const SignupInput = z.strictObject({
  email: Email,
  name: Name,
  password: Password,
  timeZone: TimeZone.optional(),
  inviteToken: z.string().max(200).optional(),
});
export const LoginInput = z.strictObject({ email: Email, password: z.string().min(1).max(256) });

export const User = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  timeZone: z.string(),
  createdAt: Instant,
});
export type User = z.infer<typeof User>;

export const UpdateMeInput = z.strictObject({ name: Name.optional(), timeZone: TimeZone.optional() });

export const CreateTokenInput = z.strictObject({
  name: Name,
  readOnly: z.boolean().default(false),
  expiresAt: Instant.optional(),
});
export const ApiToken = z.object({
  id: Id,
  name: z.string(),
  prefix: z.string(),
  readOnly: z.boolean(),
  createdAt: Instant,
  lastUsedAt: Instant.nullable(),
  expiresAt: Instant.nullable(),
  revokedAt: Instant.nullable(),
});
export const CreatedToken = ApiToken.extend({ token: z.string() });
