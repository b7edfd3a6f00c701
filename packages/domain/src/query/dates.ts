import type { QueryOp } from './ast';

/**
 * Date values in queries. Parsing is syntax only; resolving needs "now" and the reader's time
 * zone, which the compiler supplies, so the parser stays pure and the tests inject time.
 */
export type DateValue =
  | { kind: 'none' }
  | { kind: 'overdue' }
  | { kind: 'date'; date: string }
  | { kind: 'instant'; iso: string }
  | { kind: 'day'; offset: number }
  | { kind: 'relative'; amount: number; unit: 'h' | 'd' | 'w' | 'm' };

/**
 * A resolved bound. `date` is the calendar day in the reader's zone; `instant` is set when the value
 * names a moment (`-7d`, `-2h`, an ISO time); `precise` when it has a time of day worth more than
 * the day (hours, explicit times), which is what date-only columns care about.
 */
export type ResolvedDate = { date: string; instant: string | null; precise: boolean };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/i;
const RELATIVE_RE = /^([+-])(\d{1,4})([hdwm])$/i;
const DAY_WORDS: Record<string, number> = { today: 0, tomorrow: 1, yesterday: -1 };

/** True when `YYYY-MM-DD` names a real calendar day (rejects 2026-02-30). */
export function isCalendarDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Parses a date value as typed after `due:` and friends; null when it is not one. */
export function parseDateValue(raw: string): DateValue | null {
  const s = raw.trim().toLowerCase();
  if (s === 'none') return { kind: 'none' };
  if (s === 'overdue') return { kind: 'overdue' };
  if (s in DAY_WORDS) return { kind: 'day', offset: DAY_WORDS[s] };
  if (isCalendarDate(s)) return { kind: 'date', date: s };
  const rel = RELATIVE_RE.exec(s);
  if (rel) {
    const amount = Number(rel[2]) * (rel[1] === '-' ? -1 : 1);
    return { kind: 'relative', amount, unit: rel[3] as 'h' | 'd' | 'w' | 'm' };
  }
  if (INSTANT_RE.test(s) && isCalendarDate(s.slice(0, 10))) {
    // A time without a zone is read as UTC: instants are UTC everywhere else in Weft.
    const withZone = /(z|[+-]\d{2}:\d{2})$/.test(s) ? s : `${s}z`;
    const t = Date.parse(withZone.toUpperCase());
    if (!Number.isNaN(t)) return { kind: 'instant', iso: new Date(t).toISOString() };
  }
  return null;
}

/** The calendar day (`YYYY-MM-DD`) an instant falls on in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Adds days (or months, clamped to the month's end) to a calendar day. */
export function addToDate(date: string, amount: number, unit: 'd' | 'm' = 'd'): string {
  const [y, m, d] = date.split('-').map(Number);
  if (unit === 'd') return new Date(Date.UTC(y, m - 1, d + amount)).toISOString().slice(0, 10);
  const lastDay = new Date(Date.UTC(y, m - 1 + amount + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + amount, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

function zoneOffsetMs(ms: number, timeZone: string): number {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The UTC instant (ISO text) at which a calendar day starts in a time zone. */
export function startOfDayUtc(date: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d);
  // Two passes: the offset at the first guess may differ from the offset at midnight (DST).
  const first = wall - zoneOffsetMs(wall, timeZone);
  return new Date(wall - zoneOffsetMs(first, timeZone)).toISOString();
}

/** Resolves a dated value against `now` in the reader's zone; null for `none` and `overdue`. */
export function resolveDateValue(v: DateValue, now: Date, timeZone: string): ResolvedDate | null {
  const today = localDate(now, timeZone);
  switch (v.kind) {
    case 'none':
    case 'overdue':
      return null;
    case 'date':
      return { date: v.date, instant: null, precise: false };
    case 'day':
      return { date: addToDate(today, v.offset), instant: null, precise: false };
    case 'instant':
      return { date: localDate(new Date(v.iso), timeZone), instant: v.iso, precise: true };
    case 'relative': {
      if (v.unit === 'h') {
        const at = new Date(now.getTime() + v.amount * 3_600_000);
        return { date: localDate(at, timeZone), instant: at.toISOString(), precise: true };
      }
      const days = v.unit === 'w' ? v.amount * 7 : v.amount;
      const at = new Date(now.getTime());
      if (v.unit === 'm') at.setUTCMonth(at.getUTCMonth() + v.amount);
      else at.setTime(now.getTime() + days * 86_400_000);
      const date = v.unit === 'm' ? addToDate(today, v.amount, 'm') : addToDate(today, days);
      return { date, instant: at.toISOString(), precise: false };
    }
  }
}

/**
 * The text comparisons that put a date column against a value. Day granularity unless the value
 * names a moment; `date` columns (`due_at`, mixing `YYYY-MM-DD` and instants, both ordered as text)
 * compare with the day itself, `instant` columns with the instant the day starts in the zone.
 * Empty for `none` and `overdue`, which are not bounds.
 */
export function dateComparisons(v: DateValue, op: QueryOp, column: 'date' | 'instant', now: Date, timeZone: string): Array<[QueryOp, string]> {
  const r = resolveDateValue(v, now, timeZone);
  if (!r) return [];
  const exact = op === '=' ? null : column === 'date' ? (r.precise ? r.instant : null) : r.instant;
  if (exact) return [[op, exact]];
  const day = (date: string) => (column === 'date' ? date : startOfDayUtc(date, timeZone));
  const start = day(r.date);
  const next = day(addToDate(r.date, 1));
  if (op === '<') return [['<', start]];
  if (op === '<=') return [['<', next]];
  if (op === '>') return [['>=', next]];
  if (op === '>=') return [['>=', start]];
  return [
    ['>=', start],
    ['<', next],
  ];
}
