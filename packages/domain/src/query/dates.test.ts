import { describe, expect, it } from 'vitest';
import { addToDate, isCalendarDate, localDate, parseDateValue, resolveDateValue, startOfDayUtc } from './dates';

const NOW = new Date('2026-11-26T12:00:00.000Z');
const resolve = (v: string, tz = 'UTC') => resolveDateValue(parseDateValue(v) ?? { kind: 'none' }, NOW, tz);

describe('query dates', () => {
  it('parses the value forms and rejects the rest', () => {
    expect(parseDateValue('-7d')).toEqual({ kind: 'relative', amount: -7, unit: 'd' });
    expect(parseDateValue('+2W')).toEqual({ kind: 'relative', amount: 2, unit: 'w' });
    expect(parseDateValue('today')).toEqual({ kind: 'day', offset: 0 });
    expect(parseDateValue('2026-11-26T10:00')).toEqual({ kind: 'instant', iso: '2026-11-26T10:00:00.000Z' });
    expect(parseDateValue('2026-11-26T10:00+02:00')).toEqual({ kind: 'instant', iso: '2026-11-26T08:00:00.000Z' });
    for (const bad of ['2026-02-30', '7d', 'soon', '2026-1-1', '-7y', '']) expect(parseDateValue(bad)).toBeNull();
    expect(isCalendarDate('2024-02-29')).toBe(true);
  });

  it('resolves relative values against an injected now and zone', () => {
    expect(resolve('-7d')).toEqual({ date: '2026-11-19', instant: '2026-11-19T12:00:00.000Z', precise: false });
    expect(resolve('-1m')).toEqual({ date: '2026-10-26', instant: '2026-10-26T12:00:00.000Z', precise: false });
    expect(resolve('-12h')).toEqual({ date: '2026-11-26', instant: '2026-11-26T00:00:00.000Z', precise: true });
    expect(resolve('tomorrow')).toEqual({ date: '2026-11-27', instant: null, precise: false });
    // At 12:00 UTC it is already the 27th in Kiritimati (UTC+14).
    expect(resolve('today', 'Pacific/Kiritimati')?.date).toBe('2026-11-27');
    expect(resolve('none')).toBeNull();
  });

  it('finds where a local day starts, across DST', () => {
    expect(startOfDayUtc('2026-11-26', 'UTC')).toBe('2026-11-26T00:00:00.000Z');
    expect(startOfDayUtc('2026-11-26', 'America/New_York')).toBe('2026-11-26T05:00:00.000Z');
    expect(startOfDayUtc('2026-07-01', 'America/New_York')).toBe('2026-07-01T04:00:00.000Z');
    expect(startOfDayUtc('2026-11-27', 'Pacific/Kiritimati')).toBe('2026-11-26T10:00:00.000Z');
    expect(localDate(new Date('2026-11-26T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-11-25');
  });

  it('adds days and months on the calendar', () => {
    expect(addToDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(addToDate('2026-03-31', -1, 'm')).toBe('2026-02-28');
  });
});
