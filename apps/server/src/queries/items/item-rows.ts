import type { ItemsTable } from '@weft/db';

/** An `items` row as stored: what presenters and commands pass around. */
export type ItemRow = ItemsTable;

/** Every column of `items`, qualified, for selects that join other tables. */
export const ITEM_COLS = [
  'items.id',
  'items.workspace_id',
  'items.space_id',
  'items.number',
  'items.key',
  'items.type',
  'items.title',
  'items.description',
  'items.status_id',
  'items.status_category',
  'items.priority',
  'items.owner_id',
  'items.parent_id',
  'items.start_at',
  'items.due_at',
  'items.estimate',
  'items.position',
  'items.created_by',
  'items.created_at',
  'items.updated_at',
  'items.completed_at',
  'items.deleted_at',
  'items.version',
] as const;

/** Same byte order in JS, for code that sorts positions in memory. */
export function comparePositions(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Item keys look like `OPS-42` (any case on input); anything else is taken as an id. */
export function parseItemKey(idOrKey: string): { spaceKey: string; number: number } | null {
  const m = /^([A-Za-z][A-Za-z0-9]*)-(\d{1,9})$/.exec(idOrKey);
  return m ? { spaceKey: m[1].toUpperCase(), number: Number(m[2]) } : null;
}
