import type { SpacesTable, StatusesTable } from '@weft/db';
import { generateKeyBetween } from 'fractional-indexing';
import { type BulkInput, type FieldError, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx, Membership } from '../../context';
import { appendEvent } from '../../events/append';
import { itemPolicy } from '../../policies/item.policy';
import { authorize } from '../../policies/policy';
import { canReadSpace } from '../../policies/space.policy';
import { inChunks, type ItemDetails, loadItemDetails, presentItems, spaceSubjects } from '../../presenters/item';
import { membershipOf } from '../../queries/access';
import type { ItemRow } from '../../queries/items/item-rows';
import { type Tx, withTx } from '../../tx';
import { relationChanges, rowChanges } from '../items/item-changes';
import { checkItemRefs } from '../items/item-refs';
import { moveItemTx } from '../items/move-item';
import { positionAtEnd } from '../items/positions';
import { setTrashedTx } from '../items/trash-item';
import { type BulkSet, checkBulkInput, nextList } from './bulk-input';
import { collect, type ListWrites, listWrites, writeAssignees, writeLabels } from './bulk-writes';

type Loaded = { rows: ItemRow[]; details: Map<string, ItemDetails> };

/**
 * Applies one change to many items in ONE transaction: every item must exist in the workspace and
 * be readable (else 404) and updatable (else 403) by the caller, or nothing is written. Each item
 * that really changes gets version + 1 and its own `item.updated` event, exactly as a single update
 * would write them (same diff helpers, same completedAt rule); items already in the wanted state
 * are left alone and returned as they are.
 */
export async function bulkChangeItems(ctx: Ctx, workspaceId: string, raw: z.input<typeof BulkInput>) {
  const input = checkBulkInput(raw);
  const set = input.set;
  const { m, ids } = await withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const m = await membershipOf(tx.db, ctx.actor, workspaceId);
    const loaded = await loadAuthorized(tx, m, input.itemIds);
    if (set.delete) {
      for (const item of loaded.rows) await setTrashedTx(tx, ctx, item.id, true, Number(item.version));
      return { m, ids: input.itemIds };
    }
    if (set.spaceId !== undefined) {
      // The single-item move, item by item in this one transaction: same rules, same events.
      for (const item of loaded.rows) await moveItemTx(tx, ctx, item.id, { spaceId: set.spaceId, statusId: set.statusId, version: Number(item.version) });
      return { m, ids: input.itemIds };
    }
    await checkRefs(tx, m, loaded, set);
    await applyAll(tx, loaded, set);
    return { m, ids: input.itemIds };
  });
  const db = ctx.deps.store.db;
  const rows = await inChunks(ids, (c) => db.selectFrom('items').selectAll().where('id', 'in', c).execute());
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { data: await presentItems(db, m, ids.map((id) => byId.get(id) as ItemRow)) };
}

/** Loads every item; any missing or unreadable one is a 404, then any not updatable a 403. */
async function loadAuthorized(tx: Tx, m: Membership, ids: string[]): Promise<Loaded> {
  const found = await inChunks(ids, (c) => tx.db.selectFrom('items').selectAll().where('workspace_id', '=', m.workspaceId).where('id', 'in', c).execute());
  const byId = new Map(found.map((r) => [r.id, r]));
  const subjects = await spaceSubjects(tx.db, m, found.map((r) => r.space_id));
  const noAccess = { visibility: 'members', isSpaceMember: false };
  const unreadable = ids.filter((id) => {
    const r = byId.get(id);
    return !r || !canReadSpace(m, subjects.get(r.space_id) ?? noAccess);
  });
  if (unreadable.length) throw new WeftError('ITEM_NOT_FOUND', `no such items: ${unreadable.slice(0, 20).join(', ')}`, { extra: { itemIds: unreadable } });
  const rows = ids.map((id) => byId.get(id) as ItemRow);
  const details = await loadItemDetails(tx.db, ids);
  for (const r of rows) {
    const d = details.get(r.id) as ItemDetails;
    const subject = { space: subjects.get(r.space_id) ?? noAccess, createdBy: r.created_by, assigneeIds: d.assigneeIds };
    authorize(itemPolicy, 'item.update', m, subject, { canRead: true, notFound: 'ITEM_NOT_FOUND' });
  }
  const trashed = rows.filter((r) => r.deleted_at !== null).map((r) => r.key);
  if (trashed.length) throw new WeftError('UNPROCESSABLE', `these items are in the trash; restore them first: ${trashed.slice(0, 20).join(', ')}`);
  return { rows, details };
}

/**
 * Checks the status, new assignees and labels against each space the items live in, with the
 * single-update rules (a status of that space; assignees who can read it; workspace labels).
 */
async function checkRefs(tx: Tx, m: Membership, loaded: Loaded, set: BulkSet): Promise<void> {
  const spaceIds = [...new Set(loaded.rows.map((r) => r.space_id))];
  const spaces = await tx.db.selectFrom('spaces').selectAll().where('id', 'in', spaceIds).execute();
  const people = [...new Set([...(set.assigneeIds ?? []), ...(set.addAssigneeIds ?? [])])];
  const labels = [...new Set([...(set.labelIds ?? []), ...(set.addLabelIds ?? [])])];
  const errors: FieldError[] = [];
  for (const space of spaces as SpacesTable[]) {
    try {
      await checkItemRefs(tx.db, space, m, { statusId: set.statusId, assigneeIds: people, labelIds: labels });
    } catch (e) {
      if (!(e instanceof WeftError) || e.code !== 'VALIDATION_FAILED') throw e;
      for (const f of e.fields ?? []) errors.push({ path: f.path.replace(/^body\./, 'body.set.'), message: `${f.message} (space ${space.key})` });
    }
  }
  if (errors.length) throw new WeftError('VALIDATION_FAILED', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { fields: errors });
}

type SetWrites = { assignees: ListWrites; labels: ListWrites };

/** Changes every item in turn; statuses and column ends are looked up once, relations written at the end. */
async function applyAll(tx: Tx, loaded: Loaded, set: BulkSet): Promise<void> {
  const status: StatusesTable | null = set.statusId
    ? await tx.db.selectFrom('statuses').selectAll().where('id', '=', set.statusId).executeTakeFirstOrThrow()
    : null;
  const ends = new Map<string, string>();
  const writes: SetWrites = { assignees: listWrites(), labels: listWrites() };
  for (const item of loaded.rows) await applyTo(tx, item, loaded.details.get(item.id) as ItemDetails, set, status, ends, writes);
  await writeAssignees(tx, writes.assignees);
  await writeLabels(tx, writes.labels);
}

async function applyTo(tx: Tx, item: ItemRow, before: ItemDetails, set: BulkSet, status: StatusesTable | null, ends: Map<string, string>, writes: SetWrites): Promise<void> {
  const wanted = {
    priority: set.priority,
    assigneeIds: hasListChange(set, 'Assignee') ? nextList(before.assigneeIds, set.assigneeIds, set.addAssigneeIds, set.removeAssigneeIds) : undefined,
    labelIds: hasListChange(set, 'Label') ? nextList(before.labelIds, set.labelIds, set.addLabelIds, set.removeLabelIds) : undefined,
  };
  const { set: cols, changes } = rowChanges(item, wanted, status, tx.now);
  Object.assign(changes, relationChanges(before, wanted, []).changes);
  if (Object.keys(changes).length === 0) return;
  // Like a single status change, each item goes to the end of its new column, in request order.
  if (cols.status_id) {
    const prev = ends.get(cols.status_id);
    cols.position = prev === undefined ? await positionAtEnd(tx, cols.status_id, item.id) : generateKeyBetween(prev, null);
    ends.set(cols.status_id, cols.position);
  }
  const updated = await tx.db
    .updateTable('items')
    .set({ ...cols, updated_at: tx.now, version: Number(item.version) + 1 })
    .where('id', '=', item.id)
    .where('version', '=', item.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new WeftError('VERSION_CONFLICT', `item ${item.key} changed during this bulk change; nothing was written`);
  if (changes.assigneeIds) collect(writes.assignees, item.id, before.assigneeIds, wanted.assigneeIds ?? []);
  if (changes.labelIds) collect(writes.labels, item.id, before.labelIds, wanted.labelIds ?? []);
  await appendEvent(tx, { type: 'item.updated', workspaceId: item.workspace_id, spaceId: item.space_id, itemId: item.id, data: { key: item.key, changes, bulk: true, version: Number(item.version) + 1, position: cols.position ?? item.position } });
}

const hasListChange = (s: BulkSet, noun: 'Assignee' | 'Label') =>
  s[`${noun.toLowerCase()}Ids` as 'assigneeIds'] !== undefined || s[`add${noun}Ids` as 'addAssigneeIds'] !== undefined || s[`remove${noun}Ids` as 'removeAssigneeIds'] !== undefined;
