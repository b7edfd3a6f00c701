import { describe, expect, it } from 'vitest';
import type { Board, BoardCard } from '../../lib/api';
import { type Column, columnsOf, dropAction, fieldPatch, type Grouping, groupCards, neighboursFor, placementAt, type SelectField, selectFields, setCardField } from './columns';

const stage: SelectField = { id: 'f-stage', name: 'Stage', options: [{ id: 'o-design', name: 'Design' }, { id: 'o-build', name: 'Build' }, { id: 'o-ship', name: 'Ship' }] };
const byField: Grouping = { kind: 'field', field: stage };
const byStatus: Grouping = { kind: 'status' };
const statuses = [
  { id: 's-todo', name: 'Todo', category: 'unstarted', position: 0 },
  { id: 's-doing', name: 'Doing', category: 'started', position: 1 },
];

let n = 0;
function card(id: string, statusId: string, fields: Record<string, string> = {}): BoardCard {
  n += 1;
  return { id, key: `K-${n}`, title: id, type: 'task', statusId, position: `a${n}`, priority: 'none', assigneeIds: [], labelIds: [], dueAt: null, spaceId: 'sp', version: 3, fields };
}

// Board order: status, then position.
const a = card('a', 's-todo', { [stage.id]: 'o-build' });
const b = card('b', 's-todo');
const c = card('c', 's-todo', { [stage.id]: 'o-design', 'f-other': 'x' });
const d = card('d', 's-doing', { [stage.id]: 'o-build' });
const e = card('e', 's-doing', { [stage.id]: 'o-deleted-option' });
const cards = [a, b, c, d, e];
const ids = (m: Map<string, BoardCard[]>) => Object.fromEntries([...m].map(([k, v]) => [k, v.map((x) => x.id)]));

describe('columns by a single-select field', () => {
  it('offers the select fields of the workspace and of this space only', () => {
    const f = (id: string, type: string, spaceId: string | null) => ({ id, type, spaceId, name: id, options: [] }) as unknown as Parameters<typeof selectFields>[0][number];
    expect(selectFields([f('ws', 'select', null), f('here', 'select', 'sp'), f('there', 'select', 'other'), f('multi', 'multi_select', null), f('txt', 'text', null)], 'sp').map((x) => x.id)).toEqual(['ws', 'here']);
  });

  it('has one column per option in option order, then "No value"', () => {
    expect(columnsOf(byField, statuses).map((x) => [x.key, x.name])).toEqual([
      ['opt:o-design', 'Design'],
      ['opt:o-build', 'Build'],
      ['opt:o-ship', 'Ship'],
      ['none', 'No value'],
    ]);
    expect(columnsOf(byStatus, statuses).map((x) => x.name)).toEqual(['Todo', 'Doing']);
  });

  it('puts each card in the column of its value, in board order; unset and stale values go to "No value"', () => {
    expect(ids(groupCards(cards, columnsOf(byField, statuses), byField))).toEqual({ 'opt:o-design': ['c'], 'opt:o-build': ['a', 'd'], 'opt:o-ship': [], none: ['b', 'e'] });
    expect(ids(groupCards(cards, columnsOf(byStatus, statuses), byStatus))).toEqual({ 's-todo': ['a', 'b', 'c'], 's-doing': ['d', 'e'] });
    // a filter shows only the matching cards
    expect(ids(groupCards(cards, columnsOf(byField, statuses), byField, new Set(['a', 'e'])))).toEqual({ 'opt:o-design': [], 'opt:o-build': ['a'], 'opt:o-ship': [], none: ['e'] });
  });

  it('sets the value on a drop in another option column, clears it in "No value", and does nothing in its own column', () => {
    const cols = columnsOf(byField, statuses);
    const col = (key: string) => cols.find((x) => x.key === key) as Column;
    const by = groupCards(cards, cols, byField);
    expect(dropAction(a, { column: col('opt:o-ship') }, byField, by)).toEqual({ kind: 'field', field: stage, value: 'o-ship' });
    expect(dropAction(a, { column: col('none') }, byField, by)).toEqual({ kind: 'field', field: stage, value: null });
    expect(dropAction(b, { card: c, at: 'after' }, byField, by)).toEqual({ kind: 'field', field: stage, value: 'o-design' });
    expect(dropAction(a, { card: d, at: 'before' }, byField, by)).toBeNull();
    expect(dropAction(e, { column: col('none') }, byField, by)).toBeNull();
  });

  it('sends the field as `{ version, fields: { id: option | null } }` and shows it at once', () => {
    expect(fieldPatch(a, stage.id, 'o-ship')).toEqual({ version: 3, fields: { 'f-stage': 'o-ship' } });
    expect(fieldPatch(a, stage.id, null)).toEqual({ version: 3, fields: { 'f-stage': null } });
    const board: Board = { spaceId: 'sp', statuses, items: cards, truncated: false };
    const shipped = setCardField(board, 'c', stage.id, 'o-ship');
    expect(shipped.items.find((x) => x.id === 'c')?.fields).toEqual({ 'f-stage': 'o-ship', 'f-other': 'x' });
    expect(setCardField(board, 'a', stage.id, null).items.find((x) => x.id === 'a')?.fields).toEqual({});
    expect(board.items.find((x) => x.id === 'c')?.fields[stage.id]).toBe('o-design');
  });
});

describe('reordering within a status column', () => {
  const col = [a, b, c];
  it('places the card right before or after the card it is dropped on', () => {
    expect(neighboursFor(col, 'c', 'a', 'before')).toEqual({ afterId: null, beforeId: 'a' });
    expect(neighboursFor(col, 'c', 'a', 'after')).toEqual({ afterId: 'a', beforeId: 'b' });
    expect(neighboursFor(col, 'a', 'c', 'after')).toEqual({ afterId: 'c', beforeId: null });
    expect(neighboursFor(col, 'a', 'c', 'before')).toEqual({ afterId: 'b', beforeId: 'c' });
  });

  it('sends nothing for a drop on itself or on the place it already has', () => {
    expect(neighboursFor(col, 'b', 'b', 'after')).toBeNull();
    expect(neighboursFor(col, 'b', 'a', 'after')).toBeNull();
    expect(neighboursFor(col, 'b', 'c', 'before')).toBeNull();
  });

  it('moves to another status next to a card, or to the end of a column', () => {
    const by = groupCards(cards, columnsOf(byStatus, statuses), byStatus);
    expect(dropAction(a, { card: d, at: 'after' }, byStatus, by)).toEqual({ kind: 'move', statusId: 's-doing', afterId: 'd', beforeId: 'e' });
    expect(dropAction(c, { card: a, at: 'before' }, byStatus, by)).toEqual({ kind: 'move', statusId: 's-todo', afterId: null, beforeId: 'a' });
    const doing = columnsOf(byStatus, statuses)[1] as Column;
    const todo = columnsOf(byStatus, statuses)[0] as Column;
    expect(dropAction(a, { column: doing }, byStatus, by)).toEqual({ kind: 'move', statusId: 's-doing', afterId: 'e', beforeId: null });
    expect(dropAction(c, { column: todo }, byStatus, by)).toBeNull();
    expect(dropAction(a, { column: todo }, byStatus, by)).toEqual({ kind: 'move', statusId: 's-todo', afterId: 'c', beforeId: null });
  });

  it('reads before/after from the half of the card the drag point is in', () => {
    expect(placementAt(100, { top: 90, height: 84 })).toBe('before');
    expect(placementAt(140, { top: 90, height: 84 })).toBe('after');
  });
});
