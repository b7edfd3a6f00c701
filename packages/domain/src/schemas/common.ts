import { z } from 'zod';

/** Text ids (UUIDv7: sortable by creation time). */
export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be an id');
export const Instant = z.iso.datetime({ offset: true });
/** A calendar date (all-day) or an instant with an offset; instants are stored in UTC. */
export const DateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
export const TimeZone = z.string().min(1).max(64).refine(isTimeZone, 'must be an IANA time zone');
export const Name = z.string().trim().min(1).max(200);
export const Markdown = z.string().max(100_000);
/** Versions are int4 on PostgreSQL and an update writes version + 1: anything larger can never match, so it is refused as invalid. */
export const MAX_VERSION = 2_147_483_646;
export const Version = z.number().int().min(1).max(MAX_VERSION);

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const PageQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** Every list answers with a page of data and the cursor of the next page (null at the end). */
export function page<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

export const Abilities = z.record(z.string(), z.boolean());

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.string(),
  detail: z.string().optional(),
  requestId: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  current: z.unknown().optional(),
  position: z.number().optional(),
});

export const IdParams = z.strictObject({ id: Id });
