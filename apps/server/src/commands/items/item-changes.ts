import type { StatusesTable } from '@weft/db';
import { PRIORITY_RANK, type UpdateItemInput } from '@weft/domain';
import type { ItemDetails } from '../../presenters/item';
import { priorityName } from '../../presenters/item';
import type { ItemRow } from '../../queries/items/item-rows';
import { completedAtFor } from './completion';
import { normalizeDate } from './item-refs';
import type { CheckedField } from './validate-fields';

export type Changes = Record<string, { from: unknown; to: unknown }>;

const SCALARS = [
  ['title', 'title'],
  ['description', 'description'],
  ['type', 'type'],
  ['ownerId', 'owner_id'],
  ['estimate', 'estimate'],
  ['parentId', 'parent_id'],
] as const;

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/**
 * What an update changes on the item row, and the `{ field: { from, to } }` diff for the event.
 * Fields sent with their current value are not changes.
 */
export function rowChanges(item: ItemRow, input: UpdateItemInput, status: StatusesTable | null, now: string): { set: Partial<ItemRow>; changes: Changes } {
  const set: Partial<ItemRow> = {};
  const changes: Changes = {};
  for (const [field, col] of SCALARS) {
    const to = input[field];
    const from = col === 'estimate' && item.estimate !== null ? Number(item.estimate) : item[col];
    if (to === undefined || to === from) continue;
    (set as Record<string, unknown>)[col] = to;
    changes[field] = { from, to };
  }
  if (input.priority !== undefined && PRIORITY_RANK[input.priority] !== Number(item.priority)) {
    set.priority = PRIORITY_RANK[input.priority];
    changes.priority = { from: priorityName(Number(item.priority)), to: input.priority };
  }
  for (const [field, col] of [['startAt', 'start_at'], ['dueAt', 'due_at']] as const) {
    const to = normalizeDate(input[field]);
    if (to === undefined || to === item[col]) continue;
    set[col] = to;
    changes[field] = { from: item[col], to };
  }
  if (status && status.id !== item.status_id) {
    set.status_id = status.id;
    set.status_category = status.category;
    set.completed_at = completedAtFor(item.status_category, status.category, item.completed_at, now);
    changes.statusId = { from: item.status_id, to: status.id };
    if (status.category !== item.status_category) changes.statusCategory = { from: item.status_category, to: status.category };
  }
  return { set, changes };
}

/** Changes to the item's sets: assignees, labels, custom field values (keyed `fields.<id>`). */
export function relationChanges(before: ItemDetails, input: UpdateItemInput, fields: readonly CheckedField[]): { changes: Changes; fields: CheckedField[] } {
  const changes: Changes = {};
  if (input.assigneeIds && !sameSet(before.assigneeIds, [...new Set(input.assigneeIds)])) changes.assigneeIds = { from: before.assigneeIds, to: [...new Set(input.assigneeIds)] };
  if (input.labelIds && !sameSet(before.labelIds, [...new Set(input.labelIds)])) changes.labelIds = { from: before.labelIds, to: [...new Set(input.labelIds)] };
  const changed = fields.filter((f) => JSON.stringify(before.fields[f.fieldId] ?? null) !== JSON.stringify(f.value));
  for (const f of changed) changes[`fields.${f.fieldId}`] = { from: before.fields[f.fieldId] ?? null, to: f.value };
  return { changes, fields: changed };
}
