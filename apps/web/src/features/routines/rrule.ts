// The friendly editor's model of a recurrence and its RRULE text. Hand-written (about 80 lines)
// because the browser only needs the few shapes the editor builds. Expanding rules into dates is
// the scheduler's engine's job: the saved routine's preview comes from the server
// (`GET /routines/{id}/preview`), the draft's from the same engine loaded lazily (draft-preview.ts).

export const WEEKDAYS = [
  ['MO', 'Monday'],
  ['TU', 'Tuesday'],
  ['WE', 'Wednesday'],
  ['TH', 'Thursday'],
  ['FR', 'Friday'],
  ['SA', 'Saturday'],
  ['SU', 'Sunday'],
] as const;
export type Weekday = (typeof WEEKDAYS)[number][0];
export type Freq = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
export type MonthlyMode = 'monthday' | 'nth' | 'last';

export type RuleModel = {
  freq: Freq;
  interval: number;
  /** WEEKLY: the days it falls on (empty: the start's weekday) */
  weekdays: Weekday[];
  monthlyMode: MonthlyMode;
  /** MONTHLY + monthday: 1–31 */
  monthDay: number;
  /** MONTHLY + nth: 1–4, or -1 for the last */
  nth: number;
  nthWeekday: Weekday;
};

export const DEFAULT_RULE: RuleModel = { freq: 'WEEKLY', interval: 1, weekdays: ['MO'], monthlyMode: 'monthday', monthDay: 1, nth: 1, nthWeekday: 'MO' };

const isWeekday = (s: string): s is Weekday => WEEKDAYS.some(([k]) => k === s);

/** The RRULE for the model; "after completion" routines may only carry FREQ and INTERVAL. */
export function buildRRule(r: RuleModel, afterCompletion = false): string {
  const parts = [`FREQ=${r.freq}`];
  if (r.interval > 1) parts.push(`INTERVAL=${r.interval}`);
  if (afterCompletion) return parts.join(';');
  if (r.freq === 'WEEKLY' && r.weekdays.length > 0) parts.push(`BYDAY=${WEEKDAYS.filter(([k]) => r.weekdays.includes(k)).map(([k]) => k).join(',')}`);
  if (r.freq === 'MONTHLY') {
    if (r.monthlyMode === 'monthday') parts.push(`BYMONTHDAY=${r.monthDay}`);
    if (r.monthlyMode === 'last') parts.push('BYMONTHDAY=-1');
    if (r.monthlyMode === 'nth') parts.push(`BYDAY=${r.nth}${r.nthWeekday}`);
  }
  return parts.join(';');
}

/** The model of an RRULE the editor can show, or null for anything else (edited as text). */
export function parseRRuleText(text: string): RuleModel | null {
  const r: RuleModel = { ...DEFAULT_RULE, weekdays: [] };
  for (const part of text.replace(/^RRULE:/i, '').toUpperCase().split(';').filter(Boolean)) {
    const [k, v = ''] = part.split('=');
    if (k === 'FREQ' && ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(v)) r.freq = v as Freq;
    else if (k === 'INTERVAL' && /^\d+$/.test(v)) r.interval = Number(v);
    else if (k === 'BYMONTHDAY' && v === '-1') r.monthlyMode = 'last';
    else if (k === 'BYMONTHDAY' && /^\d+$/.test(v)) {
      r.monthlyMode = 'monthday';
      r.monthDay = Number(v);
    } else if (k === 'BYDAY') {
      const m = /^(-1|[1-4])([A-Z]{2})$/.exec(v);
      if (m && isWeekday(m[2] as string)) {
        r.monthlyMode = 'nth';
        r.nth = Number(m[1]);
        r.nthWeekday = m[2] as Weekday;
      } else {
        const days = v.split(',');
        if (!days.every(isWeekday)) return null;
        r.weekdays = days;
      }
    } else return null;
  }
  if (r.freq === 'MONTHLY' && r.monthlyMode === 'nth' && r.weekdays.length > 0) return null;
  if (r.freq !== 'WEEKLY' && r.weekdays.length > 0) return null;
  return buildRRule(r) === text.replace(/^RRULE:/i, '').toUpperCase() ? r : null;
}

const UNIT: Record<Freq, [string, string]> = { DAILY: ['day', 'days'], WEEKLY: ['week', 'weeks'], MONTHLY: ['month', 'months'], YEARLY: ['year', 'years'] };
export const unitName = (f: Freq, n: number) => (n === 1 ? UNIT[f][0] : UNIT[f][1]);
const ORDINAL: Record<string, string> = { '1': '1st', '2': '2nd', '3': '3rd', '4': '4th', '-1': 'last' };
const dayName = (d: Weekday) => WEEKDAYS.find(([k]) => k === d)?.[1] ?? d;

/** A sentence for people: "Every 2 weeks on Monday, Thursday", "Every month on the 2nd Tuesday". */
export function describeRule(r: RuleModel, afterCompletion: boolean): string {
  const every = r.interval === 1 ? `Every ${unitName(r.freq, 1)}` : `Every ${r.interval} ${unitName(r.freq, r.interval)}`;
  if (afterCompletion) return `${r.interval} ${unitName(r.freq, r.interval)} after the previous one is completed`;
  if (r.freq === 'WEEKLY' && r.weekdays.length > 0) return `${every} on ${r.weekdays.map(dayName).join(', ')}`;
  if (r.freq === 'MONTHLY' && r.monthlyMode === 'nth') return `${every} on the ${ORDINAL[String(r.nth)]} ${dayName(r.nthWeekday)}`;
  if (r.freq === 'MONTHLY' && r.monthlyMode === 'last') return `${every} on the last day`;
  if (r.freq === 'MONTHLY') return `${every} on day ${r.monthDay}`;
  return every;
}
