import { nextOccurrences } from '@weft/domain';
import { describe, expect, it } from 'vitest';
import { buildRRule, DEFAULT_RULE, describeRule, parseRRuleText, type RuleModel } from './rrule';

// The editor writes RRULEs by hand (rrule.ts); the server's engine (@weft/domain recurrence) is the
// judge of what they mean. Each shape the editor offers must round-trip and fall where it says.
const rule = (r: Partial<RuleModel>): RuleModel => ({ ...DEFAULT_RULE, weekdays: [], ...r });
const next = (rrule: string, n = 3) => nextOccurrences({ rrule, timeZone: 'Europe/Berlin', start: '2026-01-05T09:00' }, new Date('2026-01-01T00:00:00Z'), n).map((d) => d.toISOString());

describe('the routine editor’s RRULEs', () => {
  it('round-trips every shape it offers', () => {
    const shapes = [
      rule({ freq: 'DAILY', interval: 3 }),
      rule({ freq: 'WEEKLY', weekdays: ['MO', 'TH'] }),
      rule({ freq: 'WEEKLY', interval: 2, weekdays: ['FR'] }),
      rule({ freq: 'MONTHLY', monthlyMode: 'monthday', monthDay: 15 }),
      rule({ freq: 'MONTHLY', monthlyMode: 'nth', nth: 2, nthWeekday: 'TU' }),
      rule({ freq: 'MONTHLY', monthlyMode: 'nth', nth: -1, nthWeekday: 'FR' }),
      rule({ freq: 'MONTHLY', monthlyMode: 'last' }),
      rule({ freq: 'YEARLY', interval: 1 }),
    ];
    for (const s of shapes) {
      const text = buildRRule(s);
      expect(buildRRule(parseRRuleText(text) as RuleModel)).toBe(text);
    }
    expect(parseRRuleText('FREQ=WEEKLY;BYSETPOS=1')).toBeNull();
  });

  it('means to the server what its sentence says', () => {
    const second = rule({ freq: 'MONTHLY', monthlyMode: 'nth', nth: 2, nthWeekday: 'TU' });
    expect(describeRule(second, false)).toBe('Every month on the 2nd Tuesday');
    // 2nd Tuesdays of Jan–Mar 2026, 09:00 in Berlin (UTC+1 in winter)
    expect(next(buildRRule(second))).toEqual(['2026-01-13T08:00:00.000Z', '2026-02-10T08:00:00.000Z', '2026-03-10T08:00:00.000Z']);
    const last = rule({ freq: 'MONTHLY', monthlyMode: 'last' });
    expect(next(buildRRule(last), 2)).toEqual(['2026-01-31T08:00:00.000Z', '2026-02-28T08:00:00.000Z']);
    const weekly = rule({ freq: 'WEEKLY', interval: 2, weekdays: ['FR'] });
    expect(describeRule(weekly, false)).toBe('Every 2 weeks on Friday');
    expect(next(buildRRule(weekly), 2)).toEqual(['2026-01-09T08:00:00.000Z', '2026-01-23T08:00:00.000Z']);
    // after completion: only FREQ and INTERVAL
    expect(buildRRule(rule({ freq: 'DAILY', interval: 3, weekdays: ['MO'] }), true)).toBe('FREQ=DAILY;INTERVAL=3');
  });
});
