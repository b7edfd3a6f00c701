import { WeeklyHours } from '@weft/domain';
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, type WorkingCalendar } from './business-time';

const nineToFive = WeeklyHours.parse({
  mon: [{ start: '09:00', end: '17:00' }],
  tue: [{ start: '09:00', end: '17:00' }],
  wed: [{ start: '09:00', end: '17:00' }],
  thu: [{ start: '09:00', end: '17:00' }],
  fri: [{ start: '09:00', end: '17:00' }],
});
const lunch = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '17:00' },
];
const splitWeek = WeeklyHours.parse({ mon: lunch, tue: lunch, wed: lunch, thu: lunch, fri: lunch });
const allDay = [{ start: '00:00', end: '24:00' }];
const always = WeeklyHours.parse({ mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay });

const cal = (timeZone: string, hours = nineToFive, holidays: string[] = []): WorkingCalendar => ({ timeZone, hours, holidays });
const add = (c: WorkingCalendar, from: string, minutes: number) => addBusinessMinutes(c, new Date(from), minutes).toISOString();
const between = (c: WorkingCalendar, a: string, b: string) => businessMinutesBetween(c, new Date(a), new Date(b));

describe('business-time arithmetic', () => {
  it('carries over nights and weekends', () => {
    const berlin = cal('Europe/Berlin');
    // Friday 2026-01-16 16:00 CET (15:00Z) + 2 h: one hour on Friday, one on Monday from 09:00 CET.
    expect(add(berlin, '2026-01-16T15:00:00Z', 120)).toBe('2026-01-19T09:00:00.000Z');
    expect(between(berlin, '2026-01-16T15:00:00Z', '2026-01-19T09:00:00Z')).toBe(120);
    // Starting on a Saturday counts from Monday's opening.
    expect(add(berlin, '2026-01-17T10:00:00Z', 30)).toBe('2026-01-19T08:30:00.000Z');
    expect(between(berlin, '2026-01-17T10:00:00Z', '2026-01-18T22:00:00Z')).toBe(0);
  });

  it('ends at closing time when the work fits the day exactly, not at the next opening', () => {
    const utc = cal('UTC');
    expect(add(utc, '2026-01-19T09:00:00Z', 480)).toBe('2026-01-19T17:00:00.000Z');
    expect(add(utc, '2026-01-19T09:00:00Z', 481)).toBe('2026-01-20T09:01:00.000Z');
    expect(add(utc, '2026-01-19T12:00:00Z', 0)).toBe('2026-01-19T12:00:00.000Z');
  });

  it('skips holidays and lunch breaks (an example checked against the workclock specification)', () => {
    const london = cal('Europe/London', splitWeek, ['2026-12-25', '2026-12-28']);
    // Thursday 24 Dec 16:30 + 8 h: 30 min, then Fri 25 (holiday), weekend, Mon 28 (holiday), Tue 29 gives 7 h, Wed 30 09:30.
    expect(add(london, '2026-12-24T16:30:00Z', 480)).toBe('2026-12-30T09:30:00.000Z');
    expect(between(london, '2026-12-24T16:30:00Z', '2026-12-30T09:30:00Z')).toBe(480);
    // During lunch nothing counts; after lunch it resumes at 13:00.
    expect(add(london, '2026-12-29T11:30:00Z', 60)).toBe('2026-12-29T13:30:00.000Z');
    expect(between(london, '2026-12-29T12:00:00Z', '2026-12-29T13:00:00Z')).toBe(0);
  });

  it('keeps local opening hours across the spring-forward weekend (Europe/Berlin, 29 March 2026)', () => {
    const berlin = cal('Europe/Berlin');
    // Friday 27 March 16:00 CET = 15:00Z; Monday 30 March 09:00 CEST = 07:00Z.
    expect(add(berlin, '2026-03-27T15:00:00Z', 120)).toBe('2026-03-30T08:00:00.000Z');
    expect(between(berlin, '2026-03-27T15:00:00Z', '2026-03-30T08:00:00Z')).toBe(120);
  });

  it('keeps local opening hours across fall-back (America/New_York, 1 November 2026)', () => {
    const ny = cal('America/New_York');
    // Friday 30 Oct 16:00 EDT = 20:00Z; Monday 2 Nov 10:00 EST = 15:00Z.
    expect(add(ny, '2026-10-30T20:00:00Z', 120)).toBe('2026-11-02T15:00:00.000Z');
  });

  it('counts real elapsed time on DST days: a 24-hour calendar has 23 h and 25 h days', () => {
    const berlin = cal('Europe/Berlin', always);
    expect(between(berlin, '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z')).toBe(23 * 60);
    expect(between(berlin, '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z')).toBe(25 * 60);
    expect(add(berlin, '2026-03-28T23:00:00Z', 23 * 60)).toBe('2026-03-29T22:00:00.000Z');
  });

  it('moves a span bound inside the skipped hour forward by the gap, and takes the earlier of a repeated hour', () => {
    const sunday = (spans: Array<{ start: string; end: string }>) => cal('Europe/Berlin', WeeklyHours.parse({ sun: spans }));
    // 02:30 does not exist on 29 March in Berlin: it becomes 03:30 CEST (01:30Z); 04:00 CEST is 02:00Z.
    const spring = sunday([{ start: '02:30', end: '04:00' }]);
    expect(between(spring, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z')).toBe(30);
    expect(add(spring, '2026-03-28T00:00:00Z', 1)).toBe('2026-03-29T01:31:00.000Z');
    // 02:30 happens twice on 25 October: the first (CEST, 00:30Z) opens; 03:30 CET is 02:30Z: two real hours.
    const fall = sunday([{ start: '02:30', end: '03:30' }]);
    expect(between(fall, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z')).toBe(120);
    expect(add(fall, '2026-10-24T00:00:00Z', 1)).toBe('2026-10-25T00:31:00.000Z');
  });

  it('works in zones east of UTC where the local date differs from the UTC date', () => {
    const tokyo = cal('Asia/Tokyo');
    // Sunday 2026-01-18 23:30Z is Monday 08:30 JST: work starts at 09:00 JST = 00:00Z.
    expect(add(tokyo, '2026-01-18T23:30:00Z', 60)).toBe('2026-01-19T01:00:00.000Z');
  });

  it('is consistent: the time between a start and start + n is n (seeded random cases over zones, splits, holidays)', () => {
    let seed = 42;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const cals = [cal('Europe/Berlin', splitWeek, ['2026-04-03', '2026-04-06']), cal('America/New_York'), cal('Australia/Sydney', splitWeek), cal('Europe/London', always)];
    for (let i = 0; i < 120; i++) {
      const c = cals[i % cals.length];
      const from = new Date(Date.UTC(2026, 0, 1) + Math.floor(rand() * 365 * 86_400_000));
      const minutes = Math.floor(rand() * 5000) + 1;
      const to = addBusinessMinutes(c, from, minutes);
      expect(businessMinutesBetween(c, from, to)).toBeCloseTo(minutes, 6);
      expect(to.getTime()).toBeGreaterThan(from.getTime());
    }
  });

  it('gives up with an error rather than looping when a calendar has no working time', () => {
    const none = { timeZone: 'UTC', hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [] } as WorkingCalendar;
    expect(() => addBusinessMinutes(none, new Date('2026-01-01T00:00:00Z'), 1)).toThrow(/no working time/);
  });
});
