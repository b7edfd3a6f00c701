import type { Item } from '@weft/client';
import { describe, expect, it, vi } from 'vitest';
import { changePatch, dragDays } from './timeline-drag';
import { arrows, type Span, splitItems } from './timeline-layout';
import { dayLabel, keepScroll, stepZoom, ZOOMS, zoomOf, zoomParam } from './timeline-zoom';

// spaces/dates.ts also holds the viewer-zone hook, whose import chain builds the API client (needs `window`).
vi.mock('../../lib/queries', () => ({ useMe: () => ({ data: null }) }));

const item = (o: Partial<Item>): Item => ({ id: 'a', key: 'OPS-1', number: 1, title: 'A', links: [], startAt: null, dueAt: null, ...o }) as Item;
const span = (o: Partial<Item>, tz = 'UTC'): Span => splitItems([item(o)], tz).spans[0] as Span;

describe('timeline zoom', () => {
  it('reads the URL value, defaults to month and steps within the ends', () => {
    expect(zoomOf('week').dayW).toBeGreaterThan(zoomOf('month').dayW);
    expect(zoomOf('month').dayW).toBeGreaterThan(zoomOf('quarter').dayW);
    expect(zoomOf(undefined).id).toBe('month');
    expect(zoomOf('decade').id).toBe('month');
    expect(stepZoom('month', 1)).toBe('week');
    expect(stepZoom('week', 1)).toBe('week');
    expect(stepZoom('month', -1)).toBe('quarter');
    expect(stepZoom('quarter', -1)).toBe('quarter');
    expect(zoomParam('month')).toBeUndefined();
    expect(zoomParam('quarter')).toBe('quarter');
  });

  it('keeps the day at the left edge when the scale changes', () => {
    // 10 days in at month scale (28 px) is 10 days in at week scale (64 px)
    expect(keepScroll(280, 28, 64)).toBe(640);
    expect(keepScroll(640, 64, 10)).toBe(100);
  });

  it('labels days to fit the scale', () => {
    expect(dayLabel('2026-03-02', 'week')).toBe('Mon 2');
    expect(dayLabel('2026-03-02', 'month')).toBe('02');
    expect(dayLabel('2026-03-02', 'quarter')).toBe('2'); // a Monday
    expect(dayLabel('2026-03-03', 'quarter')).toBe('');
  });
});

describe('timeline drag arithmetic', () => {
  const s = { start: '2026-03-10', end: '2026-03-13' };
  it('snaps a pointer offset to whole days at every zoom level', () => {
    for (const z of ZOOMS) {
      expect(dragDays(0, z.dayW, 'move', s)).toBe(0);
      expect(dragDays(z.dayW * 0.49, z.dayW, 'move', s)).toBe(0);
      expect(dragDays(z.dayW * 0.5, z.dayW, 'move', s)).toBe(1);
      expect(dragDays(z.dayW * 3 + 2, z.dayW, 'move', s)).toBe(3);
      expect(dragDays(-z.dayW * 2.6, z.dayW, 'move', s)).toBe(-3);
      expect(Object.is(dragDays(-1, z.dayW, 'move', s), -0)).toBe(false);
    }
  });

  it('never lets an edge cross the other one', () => {
    expect(dragDays(28 * 10, 28, 'start', s)).toBe(3); // start at most onto the end day
    expect(dragDays(-28 * 10, 28, 'end', s)).toBe(-3);
    expect(dragDays(-28 * 10, 28, 'start', s)).toBe(-10);
    expect(dragDays(28 * 10, 28, 'end', s)).toBe(10);
  });

  it('moves both dates, or one edge, keeping the time of day in the viewer’s zone across DST', () => {
    const sp = span({ startAt: '2026-03-27', dueAt: '2026-03-27T08:00:00.000Z' }, 'Europe/Berlin');
    // 09:00 CET on the 27th → 09:00 CEST on the 30th (07:00Z)
    expect(changePatch(sp, 'move', 3, 'Europe/Berlin')).toEqual({ startAt: '2026-03-30', dueAt: '2026-03-30T07:00:00.000Z' });
    expect(changePatch(sp, 'start', -2, 'Europe/Berlin')).toEqual({ startAt: '2026-03-25' });
    expect(changePatch(sp, 'end', 1, 'Europe/Berlin')).toEqual({ dueAt: '2026-03-28T08:00:00.000Z' });
  });

  it('sets a missing date from the bar when an edge is dragged, and moves only what is set', () => {
    const dueOnly = span({ dueAt: '2026-03-10' });
    expect(changePatch(dueOnly, 'start', -4, 'UTC')).toEqual({ startAt: '2026-03-06' });
    expect(changePatch(dueOnly, 'move', 2, 'UTC')).toEqual({ dueAt: '2026-03-12' });
    const startOnly = span({ startAt: '2026-03-10' });
    expect(changePatch(startOnly, 'end', 5, 'UTC')).toEqual({ dueAt: '2026-03-15' });
  });

  it('draws arrows at the zoom’s scale', () => {
    const a = item({ id: 'a', key: 'OPS-1', startAt: '2026-03-01', dueAt: '2026-03-02', links: [{ kind: 'blocks', itemId: 'b', itemKey: 'OPS-2' }] as Item['links'] });
    const b = item({ id: 'b', key: 'OPS-2', number: 2, startAt: '2026-03-05', dueAt: '2026-03-06' });
    const { spans } = splitItems([a, b], 'UTC');
    const [at10] = arrows(spans, '2026-03-01', 10);
    const [at64] = arrows(spans, '2026-03-01', 64);
    expect(at10?.d.startsWith('M20,')).toBe(true); // end of day 2
    expect(at64?.d.startsWith('M128,')).toBe(true);
    expect(at64?.d.endsWith('H256')).toBe(true); // start of day 5
  });
});
