import { TZDateMini } from '@date-fns/tz';
import { addDays, differenceInCalendarDays, format, parseISO } from 'date-fns';
import { useMe } from '../../lib/queries';

/*
 * Calendar days for the space views (calendar, timeline, table). Item dates are either all-day
 * (`YYYY-MM-DD`: the same day for everyone) or instants with an offset, which fall on a day that
 * depends on the viewer's time zone. date-fns + @date-fns/tz (TZDateMini): tree-shaken, a few kB,
 * and they load only with the views that need them.
 */

/** A calendar day as `YYYY-MM-DD`. */
export type Day = string;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export const isAllDay = (value: string): boolean => DATE_ONLY.test(value);

/** The day a start or due value falls on for a viewer in `tz`; null when there is no value. */
export function dayOf(value: string | null | undefined, tz: string): Day | null {
  if (!value) return null;
  if (isAllDay(value)) return value;
  return format(new TZDateMini(value, tz), 'yyyy-MM-dd');
}

/** Today in `tz`. */
export const todayIn = (tz: string): Day => format(new TZDateMini(Date.now(), tz), 'yyyy-MM-dd');

/** `day` plus `n` calendar days. */
export const addDay = (day: Day, n: number): Day => format(addDays(parseISO(day), n), 'yyyy-MM-dd');

/** Whole calendar days from `a` to `b` (positive when b is later). */
export const daysBetween = (a: Day, b: Day): number => differenceInCalendarDays(parseISO(b), parseISO(a));

/**
 * The value moved to another day: an all-day value becomes that day; an instant keeps its wall-clock
 * time in the viewer's zone (a 09:00 deadline stays at 09:00 there, across a DST change).
 */
export function moveToDay(value: string, day: Day, tz: string): string {
  if (isAllDay(value)) return day;
  const at = new TZDateMini(value, tz);
  const [y, m, d] = day.split('-').map(Number);
  const moved = new TZDateMini(y ?? 1970, (m ?? 1) - 1, d ?? 1, at.getHours(), at.getMinutes(), at.getSeconds(), tz);
  return new Date(moved.getTime()).toISOString();
}

/** Shifts a value by `n` days in the viewer's zone (see moveToDay). */
export function shiftValue(value: string, n: number, tz: string): string {
  return moveToDay(value, addDay(dayOf(value, tz) as Day, n), tz);
}

/** The viewer's time zone: their profile's, else the browser's. */
export function useViewerTimeZone(): string {
  const me = useMe();
  return me.data?.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
