import type { WeeklyHours } from '@weft/domain';
import { WEEKDAYS } from '@weft/domain';
import { DateTime } from 'luxon';

/**
 * Business-time arithmetic over a working calendar (weekly hours in an IANA zone, minus holidays).
 *
 * Written here rather than taken from npm: the JavaScript libraries found (moment-business-time,
 * dayjs-business-time, business-time-calculator, luxon-business-days) either keep hours and
 * holidays in global state, take whole hours only, cannot split a day (lunch breaks), ignore time
 * zones, or count days not minutes. Zone conversion, the part that is easy to get wrong, is
 * luxon's (DST transitions from the platform's IANA data).
 *
 * Rules (docs/intake.md):
 * - Working time is real elapsed time inside working spans: a span is [start, end) of local wall
 *   time on a working day, converted to instants in the calendar's zone on that date.
 * - A span bound that does not exist locally (the hour skipped when clocks spring forward) moves
 *   forward by the length of the gap; one that exists twice (clocks fall back) is the earlier one.
 *   Those are luxon's rules, the same as RFC 5545 and Temporal's "compatible" disambiguation.
 * - A holiday is a local calendar date with no working time at all.
 */
export type WorkingCalendar = { timeZone: string; hours: WeeklyHours; holidays: readonly string[] };

/** How far ahead a search walks before deciding the calendar has no working time left (10 years of dates). */
const MAX_DAYS = 3660;

type Span = [startMs: number, endMs: number];

function at(date: DateTime, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  if (h === 24) return date.plus({ days: 1 }).startOf('day').toMillis();
  return date.set({ hour: h, minute: m, second: 0, millisecond: 0 }).toMillis();
}

/** The working spans of one local date, as instants (ms), in order. */
function spansOn(cal: WorkingCalendar, holidays: ReadonlySet<string>, date: DateTime): Span[] {
  if (holidays.has(date.toISODate() as string)) return [];
  const day = WEEKDAYS[date.weekday - 1];
  return (cal.hours[day] ?? []).map((s): Span => [at(date, s.start), at(date, s.end)]).filter(([a, b]) => b > a);
}

/** Working spans that end after `fromMs`, in order, starting from the local day before it (a span may cross into it). */
function* spansFrom(cal: WorkingCalendar, fromMs: number): Generator<Span> {
  const holidays = new Set(cal.holidays);
  let date = DateTime.fromMillis(fromMs, { zone: cal.timeZone }).startOf('day').minus({ days: 1 });
  for (let i = 0; i < MAX_DAYS; i++) {
    for (const span of spansOn(cal, holidays, date)) if (span[1] > fromMs) yield span;
    date = date.plus({ days: 1 });
  }
}

/** The instant reached after `minutes` of working time from `from` (fractions allowed). Throws if the calendar has none left. */
export function addBusinessMinutes(cal: WorkingCalendar, from: Date, minutes: number): Date {
  let left = Math.round(minutes * 60_000);
  const start = from.getTime();
  if (left <= 0) return new Date(start);
  for (const [a, b] of spansFrom(cal, start)) {
    const s = Math.max(a, start);
    if (left <= b - s) return new Date(s + left);
    left -= b - s;
  }
  throw new Error('the calendar has no working time in the next ten years');
}

/** Minutes of working time between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(cal: WorkingCalendar, from: Date, to: Date): number {
  const a0 = from.getTime();
  const b0 = to.getTime();
  if (b0 <= a0) return 0;
  let ms = 0;
  for (const [a, b] of spansFrom(cal, a0)) {
    if (a >= b0) break;
    ms += Math.min(b, b0) - Math.max(a, a0);
  }
  return ms / 60_000;
}
