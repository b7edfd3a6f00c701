import { WeftError } from '@weft/domain';
import { z } from 'zod';
import type { Ctx } from '../context';
import { presentOneSpace, presentSpaces } from '../presenters/space';
import { membershipOf, readableSpaceIds, spaceAccess } from './access';
import { decodeCursor, encodeCursor } from './cursor';

export const SpaceListQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `true` lists the archived spaces instead of the active ones. */
  archived: z.enum(['true', 'false']).optional(),
});
export type SpaceListQuery = z.infer<typeof SpaceListQuery>;

/** The spaces of a workspace the caller may read (guests: only those they were invited to), by key. */
export async function listSpaces(ctx: Ctx, workspaceId: string, query: SpaceListQuery) {
  const db = ctx.deps.store.db;
  const m = await membershipOf(db, ctx.actor, workspaceId);
  const readable = await readableSpaceIds(db, m);
  if (readable.length === 0) return { data: [], nextCursor: null };
  let q = db
    .selectFrom('spaces')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', readable)
    .where('archived_at', query.archived === 'true' ? 'is not' : 'is', null)
    .orderBy('key')
    .limit(query.limit + 1);
  if (query.cursor) q = q.where('key', '>', decodeCursor<[string]>(query.cursor, ['string'])[0]);
  const rows = await q.execute();
  const more = rows.length > query.limit;
  const pageRows = rows.slice(0, query.limit);
  return { data: await presentSpaces(db, m, pageRows), nextCursor: more ? encodeCursor([pageRows[pageRows.length - 1].key]) : null };
}

/** One space the caller may read. */
export async function getSpace(ctx: Ctx, spaceId: string) {
  const db = ctx.deps.store.db;
  const { space, m } = await spaceAccess(db, ctx.actor, spaceId);
  return presentOneSpace(db, m, space);
}

/** The statuses of a space the caller may read, in workflow order. */
export async function listStatuses(ctx: Ctx, spaceId: string) {
  const db = ctx.deps.store.db;
  await spaceAccess(db, ctx.actor, spaceId);
  return db.selectFrom('statuses').selectAll().where('space_id', '=', spaceId).orderBy('position').orderBy('id').execute();
}

/** A status of this space, or 404. */
export function statusNotFound(): never {
  throw new WeftError('STATUS_NOT_FOUND', 'status not found in this space');
}
