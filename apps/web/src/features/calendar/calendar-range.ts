import { endOfMonth, endOfWeek, format, parseISO, startOfMonth, startOfWeek } from 'date-fns';
import { addDay, type Day, daysBetween } from '../spaces/dates';

export type CalendarMode = 'month' | 'week';
const WEEK = { weekStartsOn: 1 } as const; // ISO weeks: Monday first

const fmt = (d: Date): Day => format(d, 'yyyy-MM-dd');

/** The days a month grid (whole weeks around the month) or a week shows, in weeks of seven. */
export function calendarWeeks(anchor: Day, mode: CalendarMode): Day[][] {
  const a = parseISO(anchor);
  const first = fmt(startOfWeek(mode === 'month' ? startOfMonth(a) : a, WEEK));
  const last = fmt(endOfWeek(mode === 'month' ? endOfMonth(a) : a, WEEK));
  const weeks: Day[][] = [];
  for (let n = 0; n <= daysBetween(first, last); n += 7) weeks.push(Array.from({ length: 7 }, (_, i) => addDay(first, n + i)));
  return weeks;
}

/** The anchor one month or one week later (step 1) or earlier (-1). */
export function stepAnchor(anchor: Day, mode: CalendarMode, step: number): Day {
  if (mode === 'week') return addDay(anchor, 7 * step);
  const a = parseISO(anchor);
  return fmt(new Date(a.getFullYear(), a.getMonth() + step, 1));
}

export const monthTitle = (anchor: Day): string => format(parseISO(anchor), 'MMMM yyyy');
export const dayLabel = (day: Day): string => format(parseISO(day), 'EEEE d MMMM yyyy');
export const dayNumber = (day: Day): string => format(parseISO(day), 'd');
export const weekdayShort = (day: Day): string => format(parseISO(day), 'EEE');
export const sameMonth = (a: Day, b: Day): boolean => a.slice(0, 7) === b.slice(0, 7);
