import type { Item } from '@weft/client';
import { addDay, type Day, dayOf, daysBetween } from '../spaces/dates';

export const ROW_H = 34;
export const LABEL_W = 224;

/** An item on the day scale: its first and last day (inclusive) in the viewer's zone. */
export type Span = { item: Item; start: Day; end: Day };

/** Items with a start or a due date become spans (one day when only one is set); the rest are undated. */
export function splitItems(items: Item[], tz: string): { spans: Span[]; undated: Item[] } {
  const spans: Span[] = [];
  const undated: Item[] = [];
  for (const item of items) {
    const s = dayOf(item.startAt, tz);
    const e = dayOf(item.dueAt, tz);
    if (!s && !e) {
      undated.push(item);
      continue;
    }
    const a = (s ?? e) as Day;
    const b = (e ?? s) as Day;
    spans.push(a <= b ? { item, start: a, end: b } : { item, start: b, end: a });
  }
  spans.sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : x.end < y.end ? -1 : x.end > y.end ? 1 : x.item.number - y.item.number));
  return { spans, undated };
}

/** The days shown: a few before the first span, a couple of weeks after the last, today always in, at least `minDays`. */
export function dayRange(spans: Span[], today: Day, minDays = 35): { first: Day; days: number } {
  let lo = today;
  let hi = today;
  for (const s of spans) {
    if (s.start < lo) lo = s.start;
    if (s.end > hi) hi = s.end;
  }
  const first = addDay(lo, -3);
  return { first, days: Math.max(daysBetween(first, addDay(hi, 14)) + 1, minDays) };
}

export type Arrow = { from: string; to: string; fromKey: string; toKey: string; d: string };

/** "A blocks B" as an elbowed path from the end of A's bar to the start of B's, at `dayW` pixels per day. */
export function arrows(spans: Span[], first: Day, dayW: number): Arrow[] {
  const row = new Map(spans.map((s, n) => [s.item.id, { s, n }]));
  const out: Arrow[] = [];
  for (const { item } of spans) {
    const a = row.get(item.id);
    if (!a) continue;
    for (const l of item.links) {
      const b = l.kind === 'blocks' ? row.get(l.itemId) : undefined;
      if (!b) continue;
      const x1 = (daysBetween(first, a.s.end) + 1) * dayW;
      const y1 = a.n * ROW_H + ROW_H / 2;
      const x2 = daysBetween(first, b.s.start) * dayW;
      const y2 = b.n * ROW_H + ROW_H / 2;
      const mid = Math.max(x1 + 8, Math.min(x2 - 8, x1 + 8));
      const d = x2 - 8 >= x1 + 8 ? `M${x1},${y1} H${mid} V${y2} H${x2}` : `M${x1},${y1} h8 V${(y1 + y2) / 2} H${x2 - 8} V${y2} H${x2}`;
      out.push({ from: item.id, to: l.itemId, fromKey: item.key, toKey: l.itemKey, d });
    }
  }
  return out;
}
