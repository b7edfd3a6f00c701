import { param, preparedQuery, type SpacesTable } from '@weft/db';
import type { Item } from '@weft/domain';
import { WeftError } from '@weft/domain';
import { sql } from 'kysely';
import type { Actor, Db } from '../../context';
import { canReadSpace } from '../../policies/space.policy';
import { addProgress, type DetailColumns, detailColumns, detailsOf, type ItemDetails } from '../../presenters/item-details';
import { presentItemWithDetails } from '../../presenters/item';
import { membershipOf, spaceSubject } from '../access';
import { candidateIds, SPACE_COLS } from './load-item';
import { ITEM_COLS, type ItemRow } from './item-rows';

/**
 * GET /items/:id (by id or key) in ONE statement: the item row, its home space and every detail
 * the response needs (assignees, labels, fields, homes, links), compiled once (`preparedQuery`).
 * Same rules as `loadItemAccess` + `presentOneItem` (which commands keep using): missing, in a
 * workspace the actor is not in, or in a space they cannot read answers 404 alike; membership and
 * space access come from the access cache at the epoch the request read.
 *
 * Why one statement: on SQLite each statement outside a transaction opens its own read
 * transaction (~6 µs of locking syscalls here) and an item lookup by its text id walks two
 * b-trees; the former item + details pair did both twice.
 */
export async function readItem(db: Db, actor: Actor, idOrKey: string): Promise<Item> {
  for (const id of await candidateIds(db, actor, idOrKey)) {
    const [row] = await itemReadQuery(db, [id]);
    if (!row) continue;
    const item = {} as Record<string, unknown>;
    const space = {} as Record<string, unknown>;
    for (const k of ITEM_KEYS) item[k] = row[k];
    for (const k of SPACE_COLS) space[k] = row[`s_${k}`];
    const m = await membershipOf(db, actor, item.workspace_id as string).catch(() => null);
    if (!m) continue;
    const subject = await spaceSubject(db, m, space as SpacesTable);
    if (!canReadSpace(m, subject)) continue;
    const details = new Map<string, ItemDetails>([[id, detailsOf(row as DetailColumns)]]);
    if (Number(row.has_children)) await addProgress(db, details, [id]);
    return presentItemWithDetails(db, m, item as ItemRow, details.get(id) as ItemDetails);
  }
  throw new WeftError('ITEM_NOT_FOUND', 'item not found');
}

const ITEM_KEYS = ITEM_COLS.map((c) => c.slice('items.'.length) as keyof ItemRow);

/** [itemId] → the item's columns, its space's as `s_<column>`, and `detailColumns`. */
const itemReadQuery = preparedQuery<Record<string, unknown>>(
  (db) => sql`select ${sql.join(ITEM_KEYS.map((c) => sql.ref(`i.${c}`)))},
      ${sql.join(SPACE_COLS.map((c) => sql`s.${sql.ref(c)} as ${sql.ref(`s_${c}`)}`))},
      ${detailColumns(db)}
    from items i inner join spaces s on s.id = i.space_id
    where i.id = ${param(0)}`,
);
