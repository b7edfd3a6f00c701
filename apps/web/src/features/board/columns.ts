import type { Field } from '@weft/client';
import type { Board, BoardCard, BoardColumn } from '../../lib/api';

/** A single-select field as the board needs it. */
export type SelectField = Pick<Field, 'id' | 'name' | 'options'>;
/** What the columns are: the statuses, or the options of one single-select field. */
export type Grouping = { kind: 'status' } | { kind: 'field'; field: SelectField };
/** One column: a status, or one option of the field (`value` null is "No value"). */
export type Column = { key: string; name: string } & ({ kind: 'status'; statusId: string } | { kind: 'field'; fieldId: string; value: string | null });

const NO_VALUE_KEY = 'none';
const optionKey = (id: string) => `opt:${id}`;

/** The fields a board can use as columns: single-select ones of the workspace (no space) or of this space. */
export function selectFields(fields: readonly Field[], spaceId: string): Field[] {
  return fields.filter((f) => f.type === 'select' && (f.spaceId === null || f.spaceId === spaceId));
}

/** The columns of a grouping, in order: statuses by position; a field's options in its order, then "No value". */
export function columnsOf(g: Grouping, statuses: readonly BoardColumn[]): Column[] {
  if (g.kind === 'status') return statuses.map((s) => ({ kind: 'status', key: s.id, name: s.name, statusId: s.id }));
  return [
    ...g.field.options.map((o): Column => ({ kind: 'field', key: optionKey(o.id), name: o.name, fieldId: g.field.id, value: o.id })),
    { kind: 'field', key: NO_VALUE_KEY, name: 'No value', fieldId: g.field.id, value: null },
  ];
}

/** The card's value of a select field: an option id, or null when unset or no longer an option. */
export function selectValue(card: Pick<BoardCard, 'fields'>, field: SelectField): string | null {
  const v = card.fields?.[field.id];
  return v !== undefined && field.options.some((o) => o.id === v) ? v : null;
}

/** The key of the column a card sits in. */
export function columnKeyOf(card: BoardCard, g: Grouping): string {
  if (g.kind === 'status') return card.statusId;
  const v = selectValue(card, g.field);
  return v === null ? NO_VALUE_KEY : optionKey(v);
}

/**
 * Cards into columns, keeping board order (status, then position) inside each. With a status
 * grouping, cards in statuses that are not columns (items homed in from another workflow) are left out.
 */
export function groupCards(cards: readonly BoardCard[], columns: readonly Column[], g: Grouping, shown: Set<string> | null = null): Map<string, BoardCard[]> {
  const by = new Map<string, BoardCard[]>(columns.map((c) => [c.key, []]));
  for (const c of cards) if (!shown || shown.has(c.id)) by.get(columnKeyOf(c, g))?.push(c);
  return by;
}

/** The request body that sets one select field of an item (null clears it), from the version the card shows. */
export function fieldPatch(card: Pick<BoardCard, 'version'>, fieldId: string, value: string | null): { version: number; fields: Record<string, string | null> } {
  return { version: card.version, fields: { [fieldId]: value } };
}

/** A card with one select value set (or cleared). */
export function withFieldValue<C extends Pick<BoardCard, 'fields'>>(card: C, fieldId: string, value: string | null): C {
  const fields = { ...card.fields };
  if (value === null) delete fields[fieldId];
  else fields[fieldId] = value;
  return { ...card, fields };
}

/** The board with one card replaced by `patch` of it (the others kept as they are). */
export function patchCard(board: Board, cardId: string, patch: (c: BoardCard) => BoardCard): Board {
  return { ...board, items: board.items.map((c) => (c.id === cardId ? patch(c) : c)) };
}

/** The board with one card's select value changed: what a drop to another option column shows at once. */
export function setCardField(board: Board, cardId: string, fieldId: string, value: string | null): Board {
  return patchCard(board, cardId, (c) => withFieldValue(c, fieldId, value));
}

export type Placement = 'before' | 'after';
export type Neighbours = { afterId: string | null; beforeId: string | null };

/**
 * Where a card dropped on `over` lands in that column (`column`, in the order shown): right before or
 * after it. Null when that is where the card already is, so a drop in place sends nothing.
 */
export function neighboursFor(column: readonly Pick<BoardCard, 'id'>[], cardId: string, overId: string, at: Placement): Neighbours | null {
  if (overId === cardId) return null;
  const rest = column.filter((c) => c.id !== cardId);
  const i = rest.findIndex((c) => c.id === overId);
  if (i < 0) return null;
  const target = at === 'after' ? { afterId: overId, beforeId: rest[i + 1]?.id ?? null } : { afterId: rest[i - 1]?.id ?? null, beforeId: overId };
  const j = column.findIndex((c) => c.id === cardId);
  if (j >= 0 && (column[j - 1]?.id ?? null) === target.afterId && (column[j + 1]?.id ?? null) === target.beforeId) return null;
  return target;
}

/** Before or after the card under the drag point: which half of the card's box the point is in. */
export function placementAt(y: number, over: { top: number; height: number }): Placement {
  return y > over.top + over.height / 2 ? 'after' : 'before';
}

/** What a drag was let go over: a card (and which side of it), or a column's empty space. */
export type DropTarget = { card: BoardCard; at: Placement } | { column: Column };
/** What a drop does: one move (status columns), one field value (field columns), or nothing. */
export type DropAction = ({ kind: 'move'; statusId: string } & Neighbours) | { kind: 'field'; field: SelectField; value: string | null } | null;

/**
 * The change a drop makes. By status: a move next to the card dropped on, or to the end of the
 * column; nothing when the card is already there. By a field: the column's value, when it differs
 * (order inside a field column is the board's, so a drop in the same column changes nothing).
 */
export function dropAction(card: BoardCard, target: DropTarget, g: Grouping, byColumn: ReadonlyMap<string, readonly BoardCard[]>): DropAction {
  if (g.kind === 'field') {
    const key = 'card' in target ? columnKeyOf(target.card, g) : target.column.key;
    if (key === columnKeyOf(card, g)) return null;
    const value = 'card' in target ? selectValue(target.card, g.field) : target.column.kind === 'field' ? target.column.value : null;
    return { kind: 'field', field: g.field, value };
  }
  if ('card' in target) {
    const over = target.card;
    const n = neighboursFor(byColumn.get(over.statusId) ?? [], card.id, over.id, target.at);
    return n && { kind: 'move', statusId: over.statusId, ...n };
  }
  if (target.column.kind !== 'status') return null;
  const col = byColumn.get(target.column.key) ?? [];
  if (card.statusId === target.column.statusId && col.at(-1)?.id === card.id) return null;
  return { kind: 'move', statusId: target.column.statusId, afterId: col.filter((c) => c.id !== card.id).at(-1)?.id ?? null, beforeId: null };
}
