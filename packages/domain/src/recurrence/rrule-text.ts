/**
 * Syntax check of an RRULE value before it reaches the expansion library, so a user gets one clear
 * message per problem ("BYMONTHDAY: 32 is not in 1..31 or -31..-1") instead of a library exception.
 * The library is lenient (it ignores unknown parts), hence this strict front door.
 */

export type RRuleParts = Map<string, string>;

const WEEKDAY = '(MO|TU|WE|TH|FR|SA|SU)';
const BYDAY_ITEM = new RegExp(`^([+-]?\\d{1,2})?${WEEKDAY}$`);
const UNTIL_RE = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/;

/** Frequencies a routine may use: work recurs by day or longer (sub-daily rules are refused). */
export const RECURRENCE_FREQS = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;

function intList(value: string, min: number, max: number, allowNegative: boolean): string | null {
  for (const raw of value.split(',')) {
    if (!/^[+-]?\d{1,3}$/.test(raw)) return `${raw || '(empty)'} is not a number`;
    const n = Number(raw);
    const abs = Math.abs(n);
    if (n === 0 || abs < min || abs > max || (n < 0 && !allowNegative)) {
      return allowNegative ? `${raw} is not in ${min}..${max} or -${max}..-${min}` : `${raw} is not in ${min}..${max}`;
    }
  }
  return null;
}

function rangeList(value: string, min: number, max: number): string | null {
  for (const raw of value.split(',')) {
    if (!/^\d{1,2}$/.test(raw) || Number(raw) < min || Number(raw) > max) return `${raw || '(empty)'} is not in ${min}..${max}`;
  }
  return null;
}

/** A parsed UNTIL: a local date (inclusive), a floating local date-time, or a UTC instant. */
export type Until =
  | { kind: 'date'; date: string }
  | { kind: 'local'; local: string }
  | { kind: 'utc'; instant: Date };

/** Reads an UNTIL value; null when malformed or not a real calendar date. */
export function parseUntil(value: string): Until | null {
  const m = UNTIL_RE.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, z] = m;
  const date = `${y}-${mo}-${d}`;
  if (!isCalendarDate(date)) return null;
  if (h === undefined) return { kind: 'date', date };
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  if (z) return { kind: 'utc', instant: new Date(`${date}T${h}:${mi}:${s}Z`) };
  return { kind: 'local', local: `${date}T${h}:${mi}:${s}` };
}

/** True for a real 'YYYY-MM-DD' date (no February 30th). */
export function isCalendarDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= last;
}

const CHECKS: Record<string, (v: string) => string | null> = {
  FREQ: (v) => ((RECURRENCE_FREQS as readonly string[]).includes(v) ? null : `must be one of ${RECURRENCE_FREQS.join(', ')}`),
  INTERVAL: (v) => (/^\d{1,4}$/.test(v) && Number(v) >= 1 && Number(v) <= 1000 ? null : 'must be a whole number from 1 to 1000'),
  COUNT: (v) => (/^\d{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= 10000 ? null : 'must be a whole number from 1 to 10000'),
  UNTIL: (v) => (parseUntil(v) ? null : "must be a date YYYYMMDD, a local date-time YYYYMMDDTHHMMSS or a UTC one ending in 'Z'"),
  BYDAY: (v) => {
    for (const item of v.split(',')) {
      const m = BYDAY_ITEM.exec(item);
      if (!m) return `${item || '(empty)'} is not a weekday such as MO, 2TU or -1FR`;
      if (m[1] !== undefined && (Number(m[1]) === 0 || Math.abs(Number(m[1])) > 53)) return `${item}: the position must be 1..53 or -53..-1`;
    }
    return null;
  },
  BYMONTHDAY: (v) => intList(v, 1, 31, true),
  BYMONTH: (v) => rangeList(v, 1, 12),
  BYYEARDAY: (v) => intList(v, 1, 366, true),
  BYWEEKNO: (v) => intList(v, 1, 53, true),
  BYSETPOS: (v) => intList(v, 1, 366, true),
  BYHOUR: (v) => (v.split(',').every((x) => /^\d{1,2}$/.test(x) && Number(x) <= 23) ? null : 'hours must be 0..23'),
  BYMINUTE: (v) => (v.split(',').every((x) => /^\d{1,2}$/.test(x) && Number(x) <= 59) ? null : 'minutes must be 0..59'),
  WKST: (v) => (new RegExp(`^${WEEKDAY}$`).test(v) ? null : 'must be a weekday code such as MO'),
};

/** Normalises an RRULE ('RRULE:' prefix optional, any case) into its parts and a list of problems. */
export function parseRRule(text: string): { parts: RRuleParts; normalized: string; errors: string[] } {
  const errors: string[] = [];
  const parts: RRuleParts = new Map();
  const body = text.trim().replace(/^RRULE:/i, '');
  if (/[\r\n]/.test(body) || /DTSTART/i.test(body)) {
    errors.push('give only the RRULE value (e.g. FREQ=WEEKLY;BYDAY=MO), without DTSTART: the start is its own field');
    return { parts, normalized: '', errors };
  }
  for (const piece of body.split(';')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const key = (eq < 0 ? piece : piece.slice(0, eq)).toUpperCase();
    const value = eq < 0 ? '' : piece.slice(eq + 1).toUpperCase();
    const check = CHECKS[key];
    if (!check) {
      errors.push(`${key || '(empty)'} is not a supported rule part`);
      continue;
    }
    if (parts.has(key)) {
      errors.push(`${key} is given twice`);
      continue;
    }
    const problem = value === '' ? 'has no value' : check(value);
    if (problem) errors.push(`${key}: ${problem}`);
    parts.set(key, value);
  }
  if (!parts.has('FREQ')) errors.push(`FREQ is required (${RECURRENCE_FREQS.join(', ')})`);
  if (parts.has('COUNT') && parts.has('UNTIL')) errors.push('COUNT and UNTIL cannot both be given (RFC 5545)');
  const normalized = [...parts].map(([k, v]) => `${k}=${v}`).join(';');
  return { parts, normalized, errors };
}
