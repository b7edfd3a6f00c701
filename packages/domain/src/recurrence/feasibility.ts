/**
 * Static checks for rules that can never occur, run before the expansion library is asked.
 *
 * Why: the library finds "no occurrence" only by walking periods until its iteration cap (10,000
 * periods, up to a second of CPU for `FREQ=WEEKLY;BYSETPOS=5;BYDAY=MO`), so an impossible rule sent
 * to the API was a cheap denial of service. These checks answer the common impossible shapes in
 * microseconds with a message that names the parts; whatever they miss is caught by the bounded
 * probe in index.ts (`firstOccurrenceWithin`). No library offers this analysis, hence hand-written.
 */
import type { RRuleParts } from './rrule-text';

const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]; // February: 29 in leap years
const CUMULATIVE = (leap: boolean) => MONTH_DAYS.map((_, i) => MONTH_DAYS.slice(0, i).reduce((s, d, j) => s + (j === 1 && !leap ? 28 : d), 0));

const ints = (v: string | undefined): number[] => (v ? v.split(',').map(Number) : []);
const ordinal = (item: string): number | null => {
  const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(item);
  return m?.[1] !== undefined ? Number(m[1]) : null;
};

/** True when day-of-month `d` (negative: from the end) exists in month `m` (1-12) of some year. */
function dayExists(m: number, d: number): boolean {
  return Math.abs(d) <= (MONTH_DAYS[m - 1] as number);
}

/** Month (1-12) of year day `yd` (negative: from the end), or null when the year is too short. */
function monthOfYearDay(yd: number, leap: boolean): number | null {
  const length = leap ? 366 : 365;
  const day = yd > 0 ? yd : length + yd + 1;
  if (day < 1 || day > length) return null;
  const starts = CUMULATIVE(leap);
  let month = 1;
  for (let i = 0; i < 12; i++) if (day > (starts[i] as number)) month = i + 1;
  return month;
}

/**
 * Reasons the rule can never produce an occurrence, judged from its parts and the start alone
 * (empty when it may occur). `parts` are the normalised parts of a syntactically valid rule.
 */
export function impossibleRuleReasons(parts: RRuleParts, start: string): string[] {
  const reasons: string[] = [];
  const freq = parts.get('FREQ');
  const months = ints(parts.get('BYMONTH'));
  const monthDays = ints(parts.get('BYMONTHDAY'));
  const yearDays = ints(parts.get('BYYEARDAY'));
  const byDay = parts.get('BYDAY')?.split(',') ?? [];
  const startDay = Number(start.slice(8, 10));
  const inMonths = months.length ? months : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

  // Month days against months (the start's day stands in when the rule names no day, RFC 5545 defaults).
  const noDayParts = !byDay.length && !yearDays.length && !parts.has('BYWEEKNO');
  const impliedDay = !monthDays.length && noDayParts && (freq === 'MONTHLY' || (freq === 'YEARLY' && months.length > 0));
  const days = monthDays.length ? monthDays : impliedDay ? [startDay] : [];
  if (days.length && !inMonths.some((m) => days.some((d) => dayExists(m, d)))) {
    const what = monthDays.length ? `BYMONTHDAY=${monthDays.join(',')}` : `the start's day (${startDay})`;
    reasons.push(`${what} never falls in ${months.length ? `BYMONTH=${months.join(',')}` : 'any month'}`);
  }
  if (yearDays.length && months.length && !yearDays.some((yd) => [false, true].some((leap) => months.includes(monthOfYearDay(yd, leap) ?? 0)))) {
    reasons.push(`BYYEARDAY=${yearDays.join(',')} never falls in BYMONTH=${months.join(',')}`);
  }
  // "The 6th Monday" of a month does not exist (a month has at most 5 of each weekday).
  const monthScoped = freq === 'MONTHLY' || (freq === 'YEARLY' && months.length > 0 && !parts.has('BYWEEKNO'));
  const tooFar = byDay.filter((item) => Math.abs(ordinal(item) ?? 0) > (monthScoped ? 5 : 53));
  if (tooFar.length) reasons.push(`BYDAY=${tooFar.join(',')}: a ${monthScoped ? 'month' : 'year'} has at most ${monthScoped ? 5 : 53} of each weekday`);

  // BYSETPOS picks from the candidates of one period: it can never pick past their largest count.
  const setPos = ints(parts.get('BYSETPOS'));
  if (setPos.length) {
    const bound = periodBound(freq, parts, { months, monthDays, yearDays, byDay });
    if (setPos.every((p) => Math.abs(p) > bound)) {
      reasons.push(`BYSETPOS=${setPos.join(',')} can never match: each ${PERIOD[freq ?? 'DAILY'] ?? 'period'} has at most ${bound} candidate${bound === 1 ? '' : 's'}`);
    }
  }
  return reasons;
}

const PERIOD: Record<string, string> = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month', YEARLY: 'year' };

/** An upper bound of the number of candidates one period of the rule holds (before BYSETPOS). */
function periodBound(freq: string | undefined, parts: RRuleParts, p: { months: number[]; monthDays: number[]; yearDays: number[]; byDay: string[] }): number {
  const times = Math.max(1, ints(parts.get('BYHOUR')).length) * Math.max(1, ints(parts.get('BYMINUTE')).length);
  const weekdays = new Set(p.byDay.map((d) => d.slice(-2))).size;
  const monthCount = p.months.length || 12;
  const bounds: number[] = [];
  if (freq === 'DAILY') bounds.push(1);
  else if (freq === 'WEEKLY') bounds.push(weekdays || 1);
  else if (freq === 'MONTHLY') {
    if (p.monthDays.length) bounds.push(p.monthDays.length);
    if (p.byDay.length) bounds.push(p.byDay.reduce((s, d) => s + (ordinal(d) === null ? 5 : 1), 0));
    if (!bounds.length) bounds.push(1);
  } else {
    if (p.yearDays.length) bounds.push(p.yearDays.length);
    if (parts.has('BYWEEKNO')) bounds.push(ints(parts.get('BYWEEKNO')).length * (weekdays || 1));
    if (p.monthDays.length) bounds.push(p.monthDays.length * monthCount);
    if (p.byDay.length) bounds.push(p.byDay.reduce((s, d) => s + (ordinal(d) !== null ? 1 : p.months.length ? 5 * monthCount : 53), 0));
    if (!bounds.length) bounds.push(p.months.length || 1);
  }
  return Math.min(...bounds) * times;
}
