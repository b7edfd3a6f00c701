import { parseQuery, WeftError } from '@weft/domain';
import { type Expression, sql } from 'kysely';
import type { Ctx } from '../../context';
import { authorize } from '../../policies/policy';
import { workspacePolicy } from '../../policies/workspace.policy';
import { presentItems } from '../../presenters/item';
import { membershipOf, readableSpaceIds } from '../access';
import { compileQuery } from './compile-query';
import { decodeCursor, encodeCursor } from '../cursor';

export type ItemQueryInput = { q?: string; cursor?: string; limit: number; deleted?: 'true' | 'false' };

/**
 * Items of a workspace matching a query-language string, as the caller may see them: only items
 * homed in, or also shown in (item_homes), a space they can read.
 *
 * Paging: the default order (updated desc, id desc) pages by keyset, so a page never repeats or
 * skips a row while others edit. An explicit `sort:` pages by offset (the cursor encodes it): sort
 * keys may be null or shared, and the query language can name several; rows changing between pages
 * may then shift by a few places, which is accepted for ad-hoc sorted lists. Nulls sort last in
 * either direction on both engines, and ties break by id.
 */
export async function listItemsByQuery(ctx: Ctx, workspaceId: string, input: ItemQueryInput) {
  const { db, dialect } = ctx.deps.store;
  const m = await membershipOf(db, ctx.actor, workspaceId);
  authorize(workspacePolicy, 'workspace.read', m, null, { canRead: true, notFound: 'WORKSPACE_NOT_FOUND' });
  const ast = parseQuery(input.q ?? '');
  const user = await db.selectFrom('users').select('time_zone').where('id', '=', ctx.actor.userId).executeTakeFirstOrThrow();
  const compiled = await compileQuery(ast, { db, dialect, workspaceId, userId: ctx.actor.userId, now: ctx.deps.clock.now(), timeZone: user.time_zone });
  const spaces = await readableSpaceIds(db, m);
  if (spaces.length === 0) return { data: [], nextCursor: null, group: ast.group };

  let q = db
    .selectFrom('items')
    .selectAll()
    .where('items.workspace_id', '=', workspaceId)
    .where('items.deleted_at', input.deleted === 'true' ? 'is not' : 'is', null)
    // Who may see an item follows its home space (as for GET /items/:id); an item multi-homed into
    // a readable space whose home is not readable stays hidden.
    .where('items.space_id', 'in', spaces)
    .where(compiled.where);

  if (compiled.orderBy.length === 0) {
    if (input.cursor) {
      const [updatedAt, id] = decodeCursor<[string, string]>(input.cursor, ['string', 'string']);
      q = q.where((eb) => eb.or([eb('items.updated_at', '<', updatedAt), eb.and([eb('items.updated_at', '=', updatedAt), eb('items.id', '<', id)])]));
    }
    const rows = await q.orderBy('items.updated_at', 'desc').orderBy('items.id', 'desc').limit(input.limit + 1).execute();
    const page = rows.slice(0, input.limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > input.limit ? encodeCursor([last.updated_at, last.id]) : null;
    return { data: await presentItems(db, m, page), nextCursor, group: ast.group };
  }

  const offset = input.cursor ? decodeCursor<[number]>(input.cursor, ['number'])[0] : 0;
  if (!Number.isSafeInteger(offset) || offset < 0) throw new WeftError('VALIDATION_FAILED', 'cursor is not valid', { fields: [{ path: 'querystring.cursor', message: 'invalid cursor' }] });
  for (const o of compiled.orderBy) {
    const col: Expression<unknown> = sql.ref(o.expr);
    q = q.orderBy(sql`case when ${sql.ref(o.expr)} is null then 1 else 0 end`).orderBy(col, o.direction);
  }
  const rows = await q.orderBy('items.id').limit(input.limit + 1).offset(offset).execute();
  const page = rows.slice(0, input.limit);
  const nextCursor = rows.length > input.limit ? encodeCursor([offset + input.limit]) : null;
  return { data: await presentItems(db, m, page), nextCursor, group: ast.group };
}
