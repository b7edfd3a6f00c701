import { describe, expect, it } from 'vitest';
import { describeLocal, localToInstant, nextOccurrences, occurrencesBetween, previousOccurrence, type Recurrence, RecurrenceSchema } from '../schemas/routine';

const iso = (ds: Date[]) => ds.map((d) => d.toISOString());
const local = (ds: Date[], tz: string) => ds.map((d) => { const l = describeLocal(d, tz); return `${l.date} ${l.time}`; });
const next = (r: Recurrence, after: string, n: number) => nextOccurrences(r, new Date(after), n);

describe('wall-clock time across daylight saving', () => {
  const weekdays: Recurrence = { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', timeZone: 'Europe/Berlin', start: '2026-03-02T09:00' };

  it('every weekday 09:00 Europe/Berlin stays 09:00 through spring forward (UTC moves from 08:00Z to 07:00Z)', () => {
    const got = next(weekdays, '2026-03-26T00:00:00Z', 4);
    expect(iso(got)).toEqual(['2026-03-26T08:00:00.000Z', '2026-03-27T08:00:00.000Z', '2026-03-30T07:00:00.000Z', '2026-03-31T07:00:00.000Z']);
    expect(local(got, 'Europe/Berlin').every((s) => s.endsWith('09:00'))).toBe(true);
  });

  it('and through fall back (07:00Z to 08:00Z)', () => {
    const got = next(weekdays, '2026-10-22T12:00:00Z', 3);
    expect(iso(got)).toEqual(['2026-10-23T07:00:00.000Z', '2026-10-26T08:00:00.000Z', '2026-10-27T08:00:00.000Z']);
  });

  it('America/New_York: every other Tuesday 17:30 across both switches', () => {
    const r: Recurrence = { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU', timeZone: 'America/New_York', start: '2026-02-24T17:30' };
    expect(iso(next(r, '2026-02-01T00:00:00Z', 2))).toEqual(['2026-02-24T22:30:00.000Z', '2026-03-10T21:30:00.000Z']);
    expect(iso(next(r, '2026-10-14T00:00:00Z', 2))).toEqual(['2026-10-20T21:30:00.000Z', '2026-11-03T22:30:00.000Z']);
  });

  it('a time that does not exist (spring forward) moves forward by the gap: 02:30 -> 03:30', () => {
    const berlin: Recurrence = { rrule: 'FREQ=DAILY', timeZone: 'Europe/Berlin', start: '2026-03-27T02:30' };
    const got = next(berlin, '2026-03-27T00:00:00Z', 4);
    expect(local(got, 'Europe/Berlin')).toEqual(['2026-03-27 02:30', '2026-03-28 02:30', '2026-03-29 03:30', '2026-03-30 02:30']);
    expect(got[2]?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    const ny: Recurrence = { rrule: 'FREQ=DAILY', timeZone: 'America/New_York', start: '2026-03-07T02:30' };
    expect(local(next(ny, '2026-03-07T00:00:00Z', 3), 'America/New_York')).toEqual(['2026-03-07 02:30', '2026-03-08 03:30', '2026-03-09 02:30']);
  });

  it('an ambiguous time (fall back) takes the first, earlier instant', () => {
    const berlin: Recurrence = { rrule: 'FREQ=DAILY', timeZone: 'Europe/Berlin', start: '2026-10-24T02:30' };
    expect(iso(next(berlin, '2026-10-24T00:00:00Z', 3))).toEqual(['2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
    const ny: Recurrence = { rrule: 'FREQ=DAILY', timeZone: 'America/New_York', start: '2026-10-31T01:30' };
    expect(iso(next(ny, '2026-10-31T00:00:00Z', 3))).toEqual(['2026-10-31T05:30:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
  });

  it('localToInstant follows the same rule', () => {
    expect(localToInstant('2026-03-29T02:30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(localToInstant('2026-10-25T02:30', 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('month ends, leap days, nth weekdays', () => {
  const at9 = (rrule: string, start: string, tz = 'UTC'): Recurrence => ({ rrule, timeZone: tz, start });

  it('BYMONTHDAY=31 skips months without a 31st', () => {
    const got = next(at9('FREQ=MONTHLY;BYMONTHDAY=31', '2026-01-01T09:00'), '2026-01-01T00:00:00Z', 5);
    expect(local(got, 'UTC')).toEqual(['2026-01-31 09:00', '2026-03-31 09:00', '2026-05-31 09:00', '2026-07-31 09:00', '2026-08-31 09:00']);
  });

  it('a monthly rule starting on the 31st behaves the same (RFC 5545: invalid dates are skipped)', () => {
    expect(local(next(at9('FREQ=MONTHLY', '2026-01-31T09:00'), '2026-01-01T00:00:00Z', 2), 'UTC')).toEqual(['2026-01-31 09:00', '2026-03-31 09:00']);
  });

  it('the last day of the month is BYMONTHDAY=-1 (28th, 29th in leap years, 30th, 31st)', () => {
    const got = next(at9('FREQ=MONTHLY;BYMONTHDAY=-1', '2027-12-01T18:00', 'Europe/Berlin'), '2027-12-01T00:00:00Z', 4);
    expect(local(got, 'Europe/Berlin')).toEqual(['2027-12-31 18:00', '2028-01-31 18:00', '2028-02-29 18:00', '2028-03-31 18:00']);
  });

  it('leap day: FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29 occurs only in leap years', () => {
    const got = next(at9('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', '2025-01-01T09:00'), '2025-01-01T00:00:00Z', 3);
    expect(local(got, 'UTC')).toEqual(['2028-02-29 09:00', '2032-02-29 09:00', '2036-02-29 09:00']);
    expect(previousOccurrence(at9('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', '2025-01-01T09:00'), new Date('2031-06-01T00:00:00Z'))?.toISOString()).toBe('2028-02-29T09:00:00.000Z');
  });

  it('nth weekday: second Tuesday and last Friday of the month', () => {
    expect(local(next(at9('FREQ=MONTHLY;BYDAY=2TU', '2026-01-01T10:00'), '2026-01-01T00:00:00Z', 3), 'UTC')).toEqual(['2026-01-13 10:00', '2026-02-10 10:00', '2026-03-10 10:00']);
    expect(local(next(at9('FREQ=MONTHLY;BYDAY=-1FR', '2026-01-01T16:00'), '2026-01-01T00:00:00Z', 3), 'UTC')).toEqual(['2026-01-30 16:00', '2026-02-27 16:00', '2026-03-27 16:00']);
  });

  it('last weekday of the month via BYSETPOS', () => {
    const got = next(at9('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', '2026-01-01T09:00'), '2026-01-01T00:00:00Z', 3);
    expect(local(got, 'UTC')).toEqual(['2026-01-30 09:00', '2026-02-27 09:00', '2026-03-31 09:00']);
  });
});

describe('bounds, exceptions, intervals', () => {
  const daily: Recurrence = { rrule: 'FREQ=DAILY;COUNT=5', timeZone: 'Europe/Berlin', start: '2026-05-04T09:00' };

  it('COUNT ends the series; exception dates are removed and still count (RFC 5545)', () => {
    expect(next(daily, '2026-01-01T00:00:00Z', 10)).toHaveLength(5);
    const got = next({ ...daily, exdates: ['2026-05-05', '2026-05-07'] }, '2026-01-01T00:00:00Z', 10);
    expect(local(got, 'Europe/Berlin')).toEqual(['2026-05-04 09:00', '2026-05-06 09:00', '2026-05-08 09:00']);
  });

  it('UNTIL as a UTC instant, a local date-time or a local date (inclusive)', () => {
    const base = { timeZone: 'Europe/Berlin', start: '2026-05-04T09:00' };
    expect(next({ ...base, rrule: 'FREQ=DAILY;UNTIL=20260506T070000Z' }, '2026-01-01T00:00:00Z', 10)).toHaveLength(3);
    expect(next({ ...base, rrule: 'FREQ=DAILY;UNTIL=20260506T065959Z' }, '2026-01-01T00:00:00Z', 10)).toHaveLength(2);
    expect(next({ ...base, rrule: 'FREQ=DAILY;UNTIL=20260506T090000' }, '2026-01-01T00:00:00Z', 10)).toHaveLength(3);
    expect(next({ ...base, rrule: 'FREQ=DAILY;UNTIL=20260506' }, '2026-01-01T00:00:00Z', 10)).toHaveLength(3);
  });

  it('weekday sets and INTERVAL', () => {
    const mwf: Recurrence = { rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR', timeZone: 'UTC', start: '2026-01-07T08:00' };
    expect(local(next(mwf, '2026-01-01T00:00:00Z', 4), 'UTC')).toEqual(['2026-01-07 08:00', '2026-01-09 08:00', '2026-01-12 08:00', '2026-01-14 08:00']);
    const every3: Recurrence = { rrule: 'FREQ=DAILY;INTERVAL=3', timeZone: 'UTC', start: '2026-01-01T08:00' };
    expect(local(next(every3, '2026-01-02T00:00:00Z', 2), 'UTC')).toEqual(['2026-01-04 08:00', '2026-01-07 08:00']);
    const quarterly: Recurrence = { rrule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1', timeZone: 'UTC', start: '2026-01-01T08:00' };
    expect(local(next(quarterly, '2026-01-02T00:00:00Z', 2), 'UTC')).toEqual(['2026-04-01 08:00', '2026-07-01 08:00']);
  });

  it('the start is the first occurrence only when it matches the rule', () => {
    const r: Recurrence = { rrule: 'FREQ=WEEKLY;BYDAY=MO', timeZone: 'UTC', start: '2026-01-01T08:00' }; // a Thursday
    expect(local(next(r, '2025-12-01T00:00:00Z', 1), 'UTC')).toEqual(['2026-01-05 08:00']);
  });

  it('nextOccurrences is strictly after; occurrencesBetween is from < t <= to, with a limit', () => {
    const r: Recurrence = { rrule: 'FREQ=DAILY', timeZone: 'UTC', start: '2026-01-01T08:00' };
    expect(iso(next(r, '2026-01-02T08:00:00Z', 1))).toEqual(['2026-01-03T08:00:00.000Z']);
    const between = occurrencesBetween(r, new Date('2026-01-02T08:00:00Z'), new Date('2026-01-05T08:00:00Z'));
    expect(iso(between)).toEqual(['2026-01-03T08:00:00.000Z', '2026-01-04T08:00:00.000Z', '2026-01-05T08:00:00.000Z']);
    expect(occurrencesBetween(r, new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'), 10)).toHaveLength(10);
    expect(occurrencesBetween(r, new Date('2026-01-05T00:00:00Z'), new Date('2026-01-01T00:00:00Z'))).toEqual([]);
  });

  it('a long-running routine is still fast (the library skips ahead)', () => {
    const r: Recurrence = { rrule: 'FREQ=DAILY', timeZone: 'Europe/Berlin', start: '2001-01-01T09:00' };
    const t0 = Date.now();
    expect(iso(next(r, '2026-06-01T12:00:00Z', 2))).toEqual(['2026-06-02T07:00:00.000Z', '2026-06-03T07:00:00.000Z']);
    expect(previousOccurrence(r, new Date('2026-06-01T12:00:00Z'))?.toISOString()).toBe('2026-06-01T07:00:00.000Z');
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});

describe('describeLocal and the schema', () => {
  it('describes an instant in a zone', () => {
    expect(describeLocal(new Date('2026-07-01T22:30:00Z'), 'Europe/Berlin')).toEqual({ date: '2026-07-02', time: '00:30' });
    expect(describeLocal(new Date('2026-07-01T22:30:00Z'), 'America/New_York')).toEqual({ date: '2026-07-01', time: '18:30' });
  });

  it.each([
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO',
    'FREQ=MONTHLY;BYDAY=5FR;BYMONTH=2',
    'FREQ=DAILY;BYYEARDAY=366',
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    'FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO',
    'FREQ=MONTHLY;BYMONTHDAY=31',
  ])('accepts the rare but possible %s', (rrule) => {
    expect(RecurrenceSchema.safeParse({ rrule, timeZone: 'Europe/Berlin', start: '2026-01-05T09:00' }).success).toBe(true);
  });

  it('accepts a good recurrence (RRULE: prefix and lower case allowed)', () => {
    expect(RecurrenceSchema.safeParse({ rrule: 'RRULE:freq=weekly;byday=mo', timeZone: 'Europe/Berlin', start: '2026-01-05T09:00' }).success).toBe(true);
  });

  it.each([
    [{ rrule: 'FREQ=HOURLY', timeZone: 'UTC', start: '2026-01-05T09:00' }, 'rrule', 'FREQ: must be one of DAILY, WEEKLY, MONTHLY, YEARLY'],
    [{ rrule: 'BYDAY=MO', timeZone: 'UTC', start: '2026-01-05T09:00' }, 'rrule', 'FREQ is required'],
    [{ rrule: 'FREQ=MONTHLY;BYMONTHDAY=32', timeZone: 'UTC', start: '2026-01-05T09:00' }, 'rrule', 'BYMONTHDAY: 32 is not in 1..31 or -31..-1'],
    [{ rrule: 'FREQ=WEEKLY;BYDAY=XY', timeZone: 'UTC', start: '2026-01-05T09:00' }, 'rrule', 'BYDAY: XY is not a weekday'],
    [{ rrule: 'FREQ=DAILY;COUNT=3;UNTIL=20270101', timeZone: 'UTC', start: '2026-01-05T09:00' }, 'rrule', 'COUNT and UNTIL cannot both be given'],
    [{ rrule: 'DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY', timeZone: 'UTC', start: '2026-01-05T09:00' }, 'rrule', 'without DTSTART'],
    [{ rrule: 'FREQ=DAILY;FOO=1', timeZone: 'UTC', start: '2026-01-05T09:00' }, 'rrule', 'FOO is not a supported rule part'],
    [{ rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', timeZone: 'UTC', start: '2026-01-05T09:00' }, 'rrule', 'the rule has no occurrences'],
    [{ rrule: 'FREQ=DAILY;UNTIL=20250101', timeZone: 'UTC', start: '2026-01-05T09:00' }, 'rrule', 'the rule has no occurrences'],
    [{ rrule: 'FREQ=MONTHLY;BYMONTH=4,6,9,11;BYMONTHDAY=31', timeZone: 'UTC', start: '2026-01-05T09:00' }, 'rrule', 'BYMONTHDAY=31 never falls in BYMONTH=4,6,9,11'],
    [{ rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-30', timeZone: 'UTC', start: '2026-01-05T09:00' }, 'rrule', 'BYMONTHDAY=-30 never falls in BYMONTH=2'],
    [{ rrule: 'FREQ=YEARLY;BYMONTH=4', timeZone: 'UTC', start: '2026-01-31T09:00' }, 'rrule', "the start's day (31) never falls in BYMONTH=4"],
    [{ rrule: 'FREQ=YEARLY;BYYEARDAY=366;BYMONTH=1', timeZone: 'UTC', start: '2026-01-05T09:00' }, 'rrule', 'BYYEARDAY=366 never falls in BYMONTH=1'],
    [{ rrule: 'FREQ=MONTHLY;BYDAY=6MO', timeZone: 'UTC', start: '2026-01-05T09:00' }, 'rrule', 'a month has at most 5 of each weekday'],
    [{ rrule: 'FREQ=WEEKLY;BYDAY=MO;BYSETPOS=5', timeZone: 'UTC', start: '2026-01-05T09:00' }, 'rrule', 'BYSETPOS=5 can never match: each week has at most 1 candidate'],
    [{ rrule: 'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-31', timeZone: 'UTC', start: '2026-01-05T09:00' }, 'rrule', 'each month has at most 5 candidates'],
    // Not caught statically (2026 + 4n is never a leap year): the capped probe refuses it.
    [{ rrule: 'FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29', timeZone: 'UTC', start: '2026-01-05T09:00' }, 'rrule', 'the rule has no occurrences'],
    [{ rrule: 'FREQ=DAILY', timeZone: 'Mars/Olympus', start: '2026-01-05T09:00' }, 'timeZone', 'IANA time zone'],
    [{ rrule: 'FREQ=DAILY', timeZone: 'UTC', start: '2026-02-30T09:00' }, 'start', 'not a real calendar date'],
    [{ rrule: 'FREQ=DAILY', timeZone: 'UTC', start: '2026-01-05 9am' }, 'start', 'YYYY-MM-DDTHH:mm'],
    [{ rrule: 'FREQ=DAILY', timeZone: 'UTC', start: '2026-01-05T09:00', exdates: ['2026-13-01'] }, 'exdates', 'not a real calendar date'],
  ])('refuses %j with a clear message', (input, path, message) => {
    const result = RecurrenceSchema.safeParse(input);
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => String(i.path[0]) === path);
    expect(issue?.message).toContain(message);
  });
});
