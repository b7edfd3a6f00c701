import type { SpacesTable, StatusesTable } from '@weft/db';
import { insertRows, newId } from '@weft/db';
import { CreateItemInput, CreateItemsInput, isWeftError, PRIORITY_RANK, WeftError } from '@weft/domain';
import { generateNKeysBetween } from 'fractional-indexing';
import type { z } from 'zod';
import type { Ctx, Membership } from '../../context';
import { appendEvents } from '../../events/append';
import { itemPolicy } from '../../policies/item.policy';
import { authorize } from '../../policies/policy';
import { spaceAccess } from '../../queries/access';
import { ITEM_COLS, type ItemRow } from '../../queries/items/item-rows';
import { type Tx, withTx } from '../../tx';
import { completedAtFor } from './completion';
import { type CheckedRefs, checkItemRefs, normalizeDate } from './item-refs';
import { positionAtEnd } from './positions';
import { indexNewItems } from './search-index';
import { writeFieldValues } from './validate-fields';

type Input = z.output<typeof CreateItemInput>;

/**
 * Creates an item in a space. Its number comes from the space's counter, bumped in the same
 * transaction, so numbers are never handed out twice nor reused after a delete.
 */
export async function createItem(ctx: Ctx, spaceId: string, raw: z.input<typeof CreateItemInput>) {
  const input = CreateItemInput.parse(raw);
  const { items, m } = await withTx(ctx.deps, ctx.actor.userId, (tx) => createItemsTx(tx, ctx, spaceId, [input], false));
  return { item: items[0], m };
}

/** Creates many items in one transaction with the same rules as one; a bad one fails them all. */
export async function createItems(ctx: Ctx, spaceId: string, raw: z.input<typeof CreateItemsInput>) {
  return createParsedItems(ctx, spaceId, CreateItemsInput.parse(raw).items);
}

/**
 * `createItems` for input already parsed by `CreateItemsInput` (the batch route's body schema
 * did it: parsing 1,000 items twice cost ~3 ms a request).
 */
export async function createParsedItems(ctx: Ctx, spaceId: string, items: readonly Input[]) {
  return withTx(ctx.deps, ctx.actor.userId, (tx) => createItemsTx(tx, ctx, spaceId, items, true));
}

/**
 * The shared path: check every item's references (memoised per distinct combination, so an import
 * of thousands of similar items costs a handful of lookups), then write with multi-row inserts:
 * one counter bump, positions generated per status, one insert per 200 rows per table.
 */
export async function createItemsTx(tx: Tx, ctx: Ctx, spaceId: string, inputs: readonly Input[], batch: boolean): Promise<{ items: ItemRow[]; m: Membership }> {
  const { space, m, subject } = await spaceAccess(tx.db, ctx.actor, spaceId);
  authorize(itemPolicy, 'item.create', m, { space: subject, createdBy: m.userId, assigneeIds: [] }, { canRead: true, notFound: 'SPACE_NOT_FOUND' });
  if (space.archived_at) throw new WeftError('UNPROCESSABLE', 'this space is archived; unarchive it to add items');
  const checked = await checkAll(tx, space, m, inputs, batch);
  const fallback = await defaultStatus(tx, spaceId);
  const seq = await tx.db
    .updateTable('spaces')
    .set((eb) => ({ item_seq: eb('item_seq', '+', inputs.length) }))
    .where('id', '=', spaceId)
    .returning('item_seq')
    .executeTakeFirstOrThrow();
  const first = Number(seq.item_seq) - inputs.length + 1;
  const statuses = checked.map((c) => c.status ?? fallback);
  const positions = await positionsFor(tx, statuses);
  const items: ItemRow[] = inputs.map((input, i) => {
    const status = statuses[i];
    return {
      id: newId(),
      workspace_id: space.workspace_id,
      space_id: spaceId,
      number: first + i,
      key: `${space.key}-${first + i}`,
      type: input.type,
      title: input.title,
      description: input.description,
      status_id: status.id,
      status_category: status.category,
      priority: PRIORITY_RANK[input.priority],
      owner_id: input.ownerId ?? null,
      parent_id: input.parentId ?? null,
      start_at: normalizeDate(input.startAt) ?? null,
      due_at: normalizeDate(input.dueAt) ?? null,
      estimate: input.estimate ?? null,
      position: positions[i],
      created_by: m.userId,
      created_at: tx.now,
      updated_at: tx.now,
      completed_at: completedAtFor(null, status.category, null, tx.now),
      deleted_at: null,
      version: 1,
    };
  });
  await insertRows(tx.db, 'items', ITEM_COLUMNS, items.map((it) => ITEM_COLUMNS.map((c) => it[c])));
  const assignees = items.flatMap((it, i) => [...new Set(inputs[i].assigneeIds)].map((user_id) => [it.id, user_id]));
  const labels = items.flatMap((it, i) => [...new Set(inputs[i].labelIds)].map((label_id) => [it.id, label_id]));
  await insertRows(tx.db, 'item_assignees', ['item_id', 'user_id'], assignees);
  await insertRows(tx.db, 'item_labels', ['item_id', 'label_id'], labels);
  for (const [i, it] of items.entries()) if (checked[i].fields.length) await writeFieldValues(tx, it.id, checked[i].fields);
  await appendEvents(
    tx,
    items.map((it, i) => ({
      type: 'item.created',
      workspaceId: it.workspace_id,
      spaceId,
      itemId: it.id,
      data: { key: it.key, title: it.title, type: it.type, statusId: it.status_id, priority: inputs[i].priority, assigneeIds: [...new Set(inputs[i].assigneeIds)], parentId: it.parent_id, ...(batch ? { batch: true } : {}), version: 1, statusCategory: it.status_category, position: it.position, labelIds: [...new Set(inputs[i].labelIds)], startAt: it.start_at, dueAt: it.due_at, ownerId: it.owner_id },
    })),
  );
  await indexNewItems(tx, items);
  return { items, m };
}

/** Checks references; in a batch, error paths name the item (`body.items.3.assigneeIds`). */
async function checkAll(tx: Tx, space: SpacesTable, m: Membership, inputs: readonly Input[], batch: boolean): Promise<CheckedRefs[]> {
  const memo = new Map<string, CheckedRefs>();
  const out: CheckedRefs[] = [];
  for (const [i, input] of inputs.entries()) {
    const refs = { type: input.type, statusId: input.statusId, assigneeIds: input.assigneeIds, ownerId: input.ownerId, labelIds: input.labelIds, parentId: input.parentId };
    const key = JSON.stringify(refs);
    try {
      let r = memo.get(key);
      if (!r) {
        r = await checkItemRefs(tx.db, space, m, refs);
        memo.set(key, r);
      }
      // Field values differ item by item; only they are checked each time.
      out.push(input.fields ? { status: r.status, fields: (await checkItemRefs(tx.db, space, m, { fields: input.fields })).fields } : r);
    } catch (e) {
      if (!batch || !isWeftError(e) || !e.fields) throw e;
      const fields = e.fields.map((f) => ({ ...f, path: f.path.replace(/^body\./, `body.items.${i}.`) }));
      throw new WeftError(e.code, fields.map((f) => `${f.path}: ${f.message}`).join('; '), { fields });
    }
  }
  return out;
}

/** The first status in the todo category, else the first of the workflow. */
async function defaultStatus(tx: Tx, spaceId: string): Promise<StatusesTable> {
  const s = await tx.db
    .selectFrom('statuses')
    .selectAll()
    .where('space_id', '=', spaceId)
    .orderBy((eb) => eb.case().when('category', '=', 'todo').then(0).else(1).end())
    .orderBy('position')
    .orderBy('id')
    .executeTakeFirst();
  if (!s) throw new WeftError('UNPROCESSABLE', 'this space has no statuses');
  return s;
}

/** Positions at the end of each item's status, in input order. */
async function positionsFor(tx: Tx, statuses: readonly StatusesTable[]): Promise<string[]> {
  const counts = new Map<string, number>();
  for (const s of statuses) counts.set(s.id, (counts.get(s.id) ?? 0) + 1);
  const keys = new Map<string, string[]>();
  for (const [statusId, n] of counts) keys.set(statusId, generateNKeysBetween(await positionAtEnd(tx, statusId), null, n));
  return statuses.map((s) => (keys.get(s.id) as string[]).shift() as string);
}

/** Every column of an `items` row, in insert order. */
const ITEM_COLUMNS = ITEM_COLS.map((c) => c.slice('items.'.length) as keyof ItemRow);
