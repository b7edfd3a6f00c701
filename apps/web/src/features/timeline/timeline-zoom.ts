import { format, parseISO } from 'date-fns';
import type { Day } from '../spaces/dates';

// The timeline's scales, as pixels per day. Bars, arrows, the grid and dragging all read `dayW`, so
// a drag snaps to whole days at every level. Kept in the URL (`?zoom=`): a shared link and a reload
// show the same scale. "month" is the default and is left out of the URL.
export const ZOOMS = [
  { id: 'week', label: 'Week', dayW: 64, minDays: 21 },
  { id: 'month', label: 'Month', dayW: 28, minDays: 35 },
  { id: 'quarter', label: 'Quarter', dayW: 10, minDays: 100 },
] as const;
export type Zoom = (typeof ZOOMS)[number];
export type ZoomId = Zoom['id'];
export const DEFAULT_ZOOM: ZoomId = 'month';

/** The zoom a URL value names; anything else is the default. */
export function zoomOf(value: string | undefined): Zoom {
  return ZOOMS.find((z) => z.id === value) ?? (ZOOMS[1] as Zoom);
}

/** One step in (+1: more pixels per day) or out (-1), stopping at the ends. */
export function stepZoom(current: ZoomId, dir: 1 | -1): ZoomId {
  const i = ZOOMS.findIndex((z) => z.id === current);
  const next = ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, i - dir))];
  return next?.id ?? current;
}

/** The zoom for the URL: undefined for the default, so plain links stay short. */
export const zoomParam = (id: ZoomId): ZoomId | undefined => (id === DEFAULT_ZOOM ? undefined : id);

/** The day cell's text: "Mon 12" at week scale, "12" at month, only Mondays' numbers at quarter. */
export function dayLabel(day: Day, zoom: ZoomId): string {
  if (zoom === 'week') return format(parseISO(day), 'EEE d');
  if (zoom === 'quarter') return parseISO(day).getDay() === 1 ? String(Number(day.slice(8))) : '';
  return day.slice(8);
}

/** The first visible day's offset kept across a zoom change: the same day stays at the left edge. */
export const keepScroll = (scrollLeft: number, fromDayW: number, toDayW: number): number => Math.round((scrollLeft / fromDayW) * toDayW);
