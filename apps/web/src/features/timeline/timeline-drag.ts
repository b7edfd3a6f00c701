import { addDay, type Day, daysBetween, shiftValue } from '../spaces/dates';
import type { ItemPatch } from '../items/useUpdateItem';
import type { Span } from './timeline-layout';

export type Change = 'move' | 'start' | 'end';

/**
 * Whole days a pointer offset of `dx` pixels stands for at `dayW` pixels per day (the nearest day:
 * half a day's width or more counts). An edge never crosses the other one: a bar keeps at least its
 * one day.
 */
export function dragDays(dx: number, dayW: number, kind: Change, span: { start: Day; end: Day }): number {
  const days = Math.round(dx / dayW) || 0; // || 0: no -0
  const len = daysBetween(span.start, span.end);
  if (kind === 'start') return Math.min(days, len);
  if (kind === 'end') return Math.max(days, -len);
  return days;
}

/** The dates a bar change writes: both when moved, one when an edge is dragged (set if it was missing). */
export function changePatch(s: Span, c: Change, n: number, tz: string): ItemPatch {
  const { startAt, dueAt } = s.item;
  const patch: ItemPatch = {};
  if (c === 'move' && startAt) patch.startAt = shiftValue(startAt, n, tz);
  if (c === 'move' && dueAt) patch.dueAt = shiftValue(dueAt, n, tz);
  if (c === 'start') patch.startAt = startAt ? shiftValue(startAt, n, tz) : addDay(s.start, n);
  if (c === 'end') patch.dueAt = dueAt ? shiftValue(dueAt, n, tz) : addDay(s.end, n);
  return patch;
}
