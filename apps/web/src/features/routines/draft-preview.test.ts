import * as engine from '@weft/domain/recurrence';
import { describe, expect, it } from 'vitest';
import { type DraftInput, draftPreview } from './draft-preview';
import { buildRRule, DEFAULT_RULE, type RuleModel } from './rrule';

const rule = (r: Partial<RuleModel>): string => buildRRule({ ...DEFAULT_RULE, weekdays: [], ...r });
const input = (p: Partial<DraftInput> & { rrule: string }): DraftInput => ({
  recurrence: { rrule: p.rrule, timeZone: 'Europe/Berlin', start: '2026-03-02T09:00' },
  anchor: 'schedule',
  title: 'Sync {{date:D MMM}}',
  viewerZone: 'America/New_York',
  after: new Date('2026-03-01T00:00:00Z'),
  ...p,
});

describe('the draft preview (before saving)', () => {
  it('keeps a weekly 09:00 in Berlin at 09:00 local across the March change; UTC and the viewer move', () => {
    const p = draftPreview(engine, input({ rrule: rule({ freq: 'WEEKLY', weekdays: ['MO'] }) }));
    if (p.kind !== 'dates') throw new Error(p.kind);
    expect(p.rows.map((r) => `${r.local.date} ${r.local.time}`)).toEqual(['2026-03-02 09:00', '2026-03-09 09:00', '2026-03-16 09:00', '2026-03-23 09:00', '2026-03-30 09:00']);
    // Berlin switches on 29 March (08:00Z → 07:00Z); New York already on 8 March (03:00 → 04:00 → 03:00 local).
    expect(p.rows.map((r) => r.at)).toEqual(['2026-03-02T08:00:00.000Z', '2026-03-09T08:00:00.000Z', '2026-03-16T08:00:00.000Z', '2026-03-23T08:00:00.000Z', '2026-03-30T07:00:00.000Z']);
    expect(p.rows.map((r) => r.viewer.time)).toEqual(['03:00', '04:00', '04:00', '04:00', '03:00']);
    expect(p.rows[0]?.title).toBe('Sync 2 Mar');
  });

  it('gives the dates worked out by hand for every shape the editor builds (start Monday 2 March 2026, 09:00)', () => {
    const shapes: [string, string[]][] = [
      [rule({ freq: 'DAILY', interval: 3 }), ['2026-03-02', '2026-03-05', '2026-03-08', '2026-03-11', '2026-03-14']],
      // Every other week (weeks start on Monday): the start's week, then the week of 16 March, then of 30 March.
      [rule({ freq: 'WEEKLY', interval: 2, weekdays: ['TU', 'FR'] }), ['2026-03-03', '2026-03-06', '2026-03-17', '2026-03-20', '2026-03-31']],
      [rule({ freq: 'MONTHLY', monthlyMode: 'nth', nth: 2, nthWeekday: 'TU' }), ['2026-03-10', '2026-04-14', '2026-05-12', '2026-06-09', '2026-07-14']],
      [rule({ freq: 'MONTHLY', monthlyMode: 'nth', nth: -1, nthWeekday: 'FR' }), ['2026-03-27', '2026-04-24', '2026-05-29', '2026-06-26', '2026-07-31']],
      // Months without a 31st are skipped (RFC 5545), not moved to their last day.
      [rule({ freq: 'MONTHLY', monthlyMode: 'monthday', monthDay: 31 }), ['2026-03-31', '2026-05-31', '2026-07-31', '2026-08-31', '2026-10-31']],
      [rule({ freq: 'MONTHLY', monthlyMode: 'last' }), ['2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30', '2026-07-31']],
    ];
    for (const [rrule, dates] of shapes) {
      const p = draftPreview(engine, input({ rrule }));
      if (p.kind !== 'dates') throw new Error(`${rrule}: ${p.kind}`);
      expect(p.rows.map((r) => r.local.date), rrule).toEqual(dates);
      expect(p.rows.every((r) => r.local.time === '09:00')).toBe(true);
    }
  });

  it('the nth weekday of the month falls on that weekday, in the right week', () => {
    const p = draftPreview(engine, input({ rrule: rule({ freq: 'MONTHLY', monthlyMode: 'nth', nth: 2, nthWeekday: 'TU' }) }));
    if (p.kind !== 'dates') throw new Error(p.kind);
    expect(p.rows.map((r) => r.local.date)).toEqual(['2026-03-10', '2026-04-14', '2026-05-12', '2026-06-09', '2026-07-14']);
  });

  it('starts after the scheduler’s cursor, as the saved routine would', () => {
    const p = draftPreview(engine, input({ rrule: 'FREQ=DAILY', after: new Date('2026-03-10T08:00:00Z') }));
    if (p.kind !== 'dates') throw new Error(p.kind);
    expect(p.rows[0]?.local.date).toBe('2026-03-11');
  });

  it('after completion: only the first date is fixed (the start, or now when it has passed)', () => {
    const p = draftPreview(engine, input({ rrule: 'FREQ=DAILY;INTERVAL=3', anchor: 'completion' }));
    expect(p).toMatchObject({ kind: 'completion', first: { at: '2026-03-02T08:00:00.000Z', local: { date: '2026-03-02', time: '09:00' } } });
    const late = draftPreview(engine, input({ rrule: 'FREQ=DAILY', anchor: 'completion', after: new Date('2026-04-01T10:00:00Z') }));
    expect(late).toMatchObject({ kind: 'completion', first: { at: '2026-04-01T10:00:00.000Z' } });
  });

  it('names what is wrong instead of dates', () => {
    expect(draftPreview(engine, input({ rrule: 'FREQ=MONTHLY;BYMONTHDAY=32' }))).toMatchObject({ kind: 'invalid' });
    expect(draftPreview(engine, input({ rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' }))).toMatchObject({ kind: 'invalid' });
    expect(draftPreview(engine, input({ rrule: '' }))).toEqual({ kind: 'invalid', problems: ['Set how it repeats.'] });
    const zone = draftPreview(engine, input({ rrule: 'FREQ=DAILY', recurrence: { rrule: 'FREQ=DAILY', timeZone: 'Europe/Berln', start: '2026-03-02T09:00' } }));
    expect(zone).toEqual({ kind: 'invalid', problems: ['“Europe/Berln” is not a time zone.'] });
    const start = draftPreview(engine, input({ rrule: 'FREQ=DAILY', recurrence: { rrule: 'FREQ=DAILY', timeZone: 'UTC', start: '' } }));
    expect(start).toEqual({ kind: 'invalid', problems: ['Set a start date and time.'] });
  });

  it('names a start that is not a real date or time instead of throwing (the editor computes it while typing)', () => {
    const at = (start: string, anchor: DraftInput['anchor'] = 'schedule') => draftPreview(engine, input({ rrule: 'FREQ=DAILY', anchor, recurrence: { rrule: 'FREQ=DAILY', timeZone: 'UTC', start } }));
    expect(at('2026-02-30T09:00')).toEqual({ kind: 'invalid', problems: ['2026-02-30 is not a real calendar date.'] });
    expect(at('2026-02-30T09:00', 'completion')).toEqual({ kind: 'invalid', problems: ['2026-02-30 is not a real calendar date.'] });
    expect(at('2026-13-01T09:00')).toEqual({ kind: 'invalid', problems: ['2026-13-01 is not a real calendar date.'] });
    expect(at('2026-03-02T25:00')).toEqual({ kind: 'invalid', problems: ['Set a start date and time.'] });
    expect(at('2028-02-29T09:00')).toMatchObject({ kind: 'dates' });
  });
});
