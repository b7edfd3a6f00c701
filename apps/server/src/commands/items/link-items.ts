import { isUniqueViolation, newId } from '@weft/db';
import { LinkInput, WeftError } from '@weft/domain';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Ctx, Db } from '../../context';
import { appendEvent } from '../../events/append';
import { itemPolicy } from '../../policies/item.policy';
import { authorize } from '../../policies/policy';
import { loadItemAccess } from '../../queries/items/load-item';
import { withTx } from '../../tx';
import { invalid } from '../spaces/space-checks';

/** Is `to` already upstream of `from` (does `to` reach `from` through blocks edges)? */
async function blocksReaches(db: Db, start: string, goal: string): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    with recursive down (id) as (
      select id from items where id = ${start}
      union
      select item_links.to_item_id from item_links inner join down on item_links.from_item_id = down.id
      where item_links.kind = 'blocks'
    )
    select id from down where id = ${goal}`.execute(db);
  return rows.length > 0;
}

const duplicate = () => new WeftError('ALREADY_EXISTS', 'these items are already linked this way');

/**
 * Links this item to another of the same workspace: `blocks`, `blocked_by` (stored as the
 * reverse `blocks`) or `relates`. A link that would close a loop of blocks is refused.
 */
export async function linkItems(ctx: Ctx, idOrKey: string, raw: z.input<typeof LinkInput>) {
  const input = LinkInput.parse(raw);
  try {
    return await withTx(ctx.deps, ctx.actor.userId, async (tx) => {
      const { item, m, subject } = await loadItemAccess(tx.db, ctx.actor, idOrKey);
      authorize(itemPolicy, 'item.update', m, subject, { canRead: true, notFound: 'ITEM_NOT_FOUND' });
      const other = await loadItemAccess(tx.db, ctx.actor, input.itemId).catch(() => null);
      if (!other || other.item.workspace_id !== item.workspace_id || other.item.deleted_at) invalid([{ path: 'body.itemId', message: 'no such item in this workspace' }]);
      if (other.item.id === item.id) invalid([{ path: 'body.itemId', message: 'an item cannot be linked to itself' }]);
      const [from, to] = input.kind === 'blocked_by' ? [other.item, item] : [item, other.item];
      const kind = input.kind === 'relates' ? 'relates' : 'blocks';
      const existing = await tx.db
        .selectFrom('item_links')
        .select('id')
        .where('kind', '=', kind)
        .where((eb) =>
          kind === 'relates'
            ? eb.or([eb.and([eb('from_item_id', '=', from.id), eb('to_item_id', '=', to.id)]), eb.and([eb('from_item_id', '=', to.id), eb('to_item_id', '=', from.id)])])
            : eb.and([eb('from_item_id', '=', from.id), eb('to_item_id', '=', to.id)]),
        )
        .executeTakeFirst();
      if (existing) throw duplicate();
      if (kind === 'blocks' && (await blocksReaches(tx.db, to.id, from.id))) {
        throw new WeftError('DEPENDENCY_CYCLE', `${from.key} cannot block ${to.key}: ${to.key} already blocks ${from.key}, directly or through others`);
      }
      const link = { id: newId(), workspace_id: item.workspace_id, from_item_id: from.id, to_item_id: to.id, kind, created_at: tx.now };
      await tx.db.insertInto('item_links').values(link).execute();
      const view = { id: link.id, kind: input.kind, itemId: other.item.id, itemKey: other.item.key, title: other.item.title };
      await appendEvent(tx, { type: 'item.linked', workspaceId: item.workspace_id, spaceId: item.space_id, itemId: item.id, data: { linkId: link.id, kind: input.kind, otherItemId: other.item.id, otherKey: other.item.key } });
      return view;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicate();
    throw e;
  }
}

/** Removes a link from this item (either end of it). */
export async function unlinkItems(ctx: Ctx, idOrKey: string, linkId: string): Promise<void> {
  await withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { item, m, subject } = await loadItemAccess(tx.db, ctx.actor, idOrKey);
    const link = await tx.db
      .selectFrom('item_links')
      .selectAll()
      .where('id', '=', linkId)
      .where((eb) => eb.or([eb('from_item_id', '=', item.id), eb('to_item_id', '=', item.id)]))
      .executeTakeFirst();
    if (!link) throw new WeftError('NOT_FOUND', 'no such link on this item');
    authorize(itemPolicy, 'item.update', m, subject, { canRead: true, notFound: 'ITEM_NOT_FOUND' });
    await tx.db.deleteFrom('item_links').where('id', '=', linkId).execute();
    const outgoing = link.from_item_id === item.id;
    const kind = link.kind === 'relates' ? 'relates' : outgoing ? 'blocks' : 'blocked_by';
    const otherItemId = outgoing ? link.to_item_id : link.from_item_id;
    await appendEvent(tx, { type: 'item.unlinked', workspaceId: item.workspace_id, spaceId: item.space_id, itemId: item.id, data: { linkId, kind, otherItemId } });
  });
}
