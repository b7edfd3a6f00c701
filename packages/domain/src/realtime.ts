import { z } from 'zod';
import { Id } from './schemas/common';

/**
 * The live event stream (`GET /api/v1/stream`, a WebSocket): one versioned protocol, every message
 * a JSON object with a `type`. The spec in words is docs/realtime.md. Bump the version on any
 * change an older peer would misread; additions of optional fields do not need one.
 */
export const STREAM_PROTOCOL = 1;

/** What presence is about: viewing a space, or viewing (and maybe editing) an item. */
export const PresenceTopic = z.strictObject({ kind: z.enum(['space', 'item']), id: Id });
export type PresenceTopic = z.infer<typeof PresenceTopic>;

/** Messages a client sends. Events need no subscription: the server sends everything the caller may read. */
export const ClientMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('presence.enter'), topic: PresenceTopic }),
  z.strictObject({ type: z.literal('presence.leave'), topic: PresenceTopic }),
  /** Editing an item's description ("Ana is editing"); implies viewing it. */
  z.strictObject({ type: z.literal('presence.editing'), itemId: Id, editing: z.boolean() }),
  z.strictObject({ type: z.literal('ping'), t: z.number().optional() }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** One committed change, as the stream carries it. */
export const StreamEvent = z.object({
  type: z.literal('event'),
  seq: z.number().int(),
  kind: z.string(),
  workspaceId: Id,
  spaceId: Id.nullable(),
  itemId: Id.nullable(),
  actorId: Id.nullable(),
  at: z.string(),
  /** The record's version after this change (items); null where the event carries none. */
  version: z.number().int().nullable(),
  /** Enough of the record to update views without a refetch: the new values of what changed. */
  record: z.record(z.string(), z.unknown()),
});
export type StreamEvent = z.infer<typeof StreamEvent>;

export const PresenceUser = z.object({ userId: Id, name: z.string(), editing: z.boolean() });
export type PresenceUser = z.infer<typeof PresenceUser>;

/** Messages the server sends. */
export const ServerMessage = z.discriminatedUnion('type', [
  /** First message: the protocol spoken, and the newest seq this connection has accounted for. */
  z.object({ type: z.literal('welcome'), protocol: z.number().int(), seq: z.number().int(), connectionId: z.string(), userId: Id, heartbeatMs: z.number().int() }),
  StreamEvent,
  /** Catch-up after `since` is done: from here on events arrive as they commit. */
  z.object({ type: z.literal('synced'), seq: z.number().int() }),
  /** `since` cannot be served (older than the retained window, too far behind, or unknown): refetch, then continue from `seq`. */
  z.object({ type: z.literal('resync'), seq: z.number().int(), reason: z.enum(['too_old', 'too_far_behind', 'unknown_seq', 'overflow']) }),
  /** Everyone present on a topic now (sent to connections that entered it, on every change). */
  z.object({ type: z.literal('presence'), topic: PresenceTopic, users: z.array(PresenceUser) }),
  z.object({ type: z.literal('pong'), t: z.number().optional() }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** Query parameters of the stream's URL. `token` is for clients that cannot send headers (browsers send the cookie). */
export const StreamQuery = z.object({
  since: z.coerce.number().int().min(0).optional(),
  workspaceId: Id.optional(),
  token: z.string().max(200).optional(),
});

/**
 * The stream's view of an event's `data`: its version (item events record the version they wrote)
 * and the record subset: the new value of each changed field (`changes: { f: { from, to } }` →
 * `{ f: to }`), with the rest of the data (key, title, position…) as is.
 */
export function streamPayload(data: Record<string, unknown>): { version: number | null; record: Record<string, unknown> } {
  const { version, changes, ...rest } = data;
  const record: Record<string, unknown> = { ...rest };
  if (changes && typeof changes === 'object' && !Array.isArray(changes)) {
    for (const [field, c] of Object.entries(changes as Record<string, unknown>)) {
      if (c && typeof c === 'object' && 'to' in c) record[field] = (c as { to: unknown }).to;
    }
  }
  return { version: typeof version === 'number' ? version : null, record };
}
