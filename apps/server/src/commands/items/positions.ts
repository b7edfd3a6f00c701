import { generateKeyBetween } from 'fractional-indexing';
import type { Tx } from '../../tx';
import { invalid } from '../spaces/space-checks';
import { comparePositions } from '../../queries/items/item-rows';

type Neighbours = { statusId: string; afterId?: string | null; beforeId?: string | null; selfId?: string };

/** The position of the first/last live item of a status beyond `pos` (exclusive), skipping `selfId`. */
async function neighbourPosition(tx: Tx, statusId: string, dir: 'next' | 'prev', pos: string | null, selfId?: string): Promise<string | null> {
  // The column sorts byte-wise on both engines ("C" collation on PostgreSQL, see the migration).
  const col = 'position' as const;
  let q = tx.db.selectFrom('items').select('position').where('status_id', '=', statusId).where('deleted_at', 'is', null);
  if (selfId) q = q.where('id', '!=', selfId);
  if (pos !== null) q = q.where(col, dir === 'next' ? '>' : '<', pos);
  const row = await q.orderBy(col, dir === 'next' ? 'asc' : 'desc').limit(1).executeTakeFirst();
  return row?.position ?? null;
}

/** A key after the last live item of the status. */
export async function positionAtEnd(tx: Tx, statusId: string, selfId?: string): Promise<string> {
  return generateKeyBetween(await neighbourPosition(tx, statusId, 'prev', null, selfId), null);
}

async function neighbour(tx: Tx, id: string, statusId: string, path: string, selfId?: string): Promise<string> {
  if (id === selfId) invalid([{ path, message: 'an item cannot be its own neighbour' }]);
  const row = await tx.db.selectFrom('items').select(['position', 'status_id', 'deleted_at']).where('id', '=', id).executeTakeFirst();
  if (!row || row.status_id !== statusId || row.deleted_at !== null) invalid([{ path, message: 'not an item in the target status' }]);
  return row.position;
}

/**
 * A fractional key between the given neighbours (either may be absent), so a move writes only the
 * moved row. With one neighbour the other side is read from the database; with none, the end.
 */
export async function positionBetween(tx: Tx, n: Neighbours): Promise<string> {
  const after = n.afterId ? await neighbour(tx, n.afterId, n.statusId, 'body.afterId', n.selfId) : null;
  const before = n.beforeId ? await neighbour(tx, n.beforeId, n.statusId, 'body.beforeId', n.selfId) : null;
  if (after === null && before === null) return positionAtEnd(tx, n.statusId, n.selfId);
  if (after !== null && before !== null) {
    const cmp = comparePositions(after, before);
    if (cmp > 0) invalid([{ path: 'body.afterId', message: 'afterId must come before beforeId' }]);
    // Two items can share a key after concurrent moves; then place right after `after`'s group.
    if (cmp < 0) return generateKeyBetween(after, before);
  }
  if (after !== null) return generateKeyBetween(after, await neighbourPosition(tx, n.statusId, 'next', after, n.selfId));
  return generateKeyBetween(await neighbourPosition(tx, n.statusId, 'prev', before, n.selfId), before);
}
