/**
 * The recurrence engine: RFC 5545 rules in an IANA time zone, expanded as wall-clock times.
 *
 * Library choice: `rrule-temporal` (RFC 5545 compliant, built on Temporal, actively maintained)
 * expands the rule, `temporal-polyfill` (Node 20 has no Temporal) converts local times to instants.
 * `rrule` 2.x was rejected: its output depends on the host's time zone (floating-date bugs).
 *
 * Why the rule is expanded in "floating" local time (zone UTC, which has no DST) and converted to
 * the routine's zone afterwards, instead of letting the library expand in the zone directly: RFC 5545
 * says an instance whose local time does not exist (02:30 on a spring-forward day) is dropped, and
 * rrule-temporal does that. Weft's rule is that recurring work never silently disappears:
 *   - a local time that does not exist (DST gap) moves forward by the length of the gap
 *     (02:30 on 2026-03-29 in Europe/Berlin becomes 03:30 CEST);
 *   - an ambiguous local time (DST overlap, fall-back) takes the first, earlier instant
 *     (01:30 on 2026-11-01 in America/New_York is 01:30 EDT = 05:30Z).
 * This is Temporal's `disambiguation: 'compatible'`, the same rule RFC 5545 §3.3.5 gives for DTSTART.
 * Dates that do not exist (February 30th, the 31st of a 30-day month) are skipped, as RFC 5545 says.
 */
import { RRuleTemporal } from 'rrule-temporal';
import { Temporal } from 'temporal-polyfill';
import { parseUntil, type Until } from './rrule-text';

export { impossibleRuleReasons } from './feasibility';
export { isCalendarDate, parseRRule, parseUntil, RECURRENCE_FREQS } from './rrule-text';

/** A recurrence: an RFC 5545 RRULE (without DTSTART), a local start 'YYYY-MM-DDTHH:mm' in an IANA zone, optional exception dates (local 'YYYY-MM-DD'). */
export type Recurrence = { rrule: string; timeZone: string; start: string; exdates?: string[] };

const DAY_MS = 86_400_000;

type Compiled = {
  rule: RRuleTemporal;
  timeZone: string;
  exdates: Set<string>;
  until: Until | null;
  untilInstant: number | null;
};

const cache = new Map<string, Compiled>();

/** Converts a local wall-clock time 'YYYY-MM-DDTHH:mm[:ss]' in `timeZone` to an instant (gap: forward; overlap: earlier). */
export function localToInstant(local: string, timeZone: string): Date {
  const zdt = Temporal.PlainDateTime.from(local).toZonedDateTime(timeZone, { disambiguation: 'compatible' });
  return new Date(zdt.epochMilliseconds);
}

/** The local date 'YYYY-MM-DD' and time 'HH:mm' of an instant in a time zone. */
export function describeLocal(d: Date, timeZone: string): { date: string; time: string } {
  const z = Temporal.Instant.fromEpochMilliseconds(d.getTime()).toZonedDateTimeISO(timeZone);
  return { date: z.toPlainDate().toString(), time: `${pad(z.hour)}:${pad(z.minute)}` };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function compact(local: Temporal.PlainDateTime): string {
  return `${String(local.year).padStart(4, '0')}${pad(local.month)}${pad(local.day)}T${pad(local.hour)}${pad(local.minute)}${pad(local.second)}`;
}

/**
 * Caps of a validation probe, in periods of the rule's FREQ: about ten years, enough for any
 * sensible rule's first occurrence (a daily rule on December 31st of leap years, the 5th Friday of
 * February), few enough that a rule the static checks miss costs milliseconds instead of the
 * library's default of 10,000 periods and a million candidates.
 */
const PROBE_PERIODS: Record<string, number> = { DAILY: 3000, WEEKLY: 520, MONTHLY: 130, YEARLY: 30 };

function compile(r: Recurrence, probe = false): Compiled {
  const key = JSON.stringify([r.rrule, r.timeZone, r.start, r.exdates ?? [], probe]);
  const hit = cache.get(key);
  if (hit) return hit;
  const body = r.rrule.trim().replace(/^RRULE:/i, '').toUpperCase();
  const parts = body.split(';').filter((p) => p !== '');
  const untilPart = parts.find((p) => p.startsWith('UNTIL='));
  const until = untilPart ? parseUntil(untilPart.slice(6)) : null;
  let untilInstant: number | null = null;
  const floatingParts = parts.filter((p) => !p.startsWith('UNTIL='));
  if (until && until.kind === 'date') {
    // A date UNTIL is inclusive in local time: the floating expansion handles it exactly.
    floatingParts.push(`UNTIL=${until.date.replaceAll('-', '')}`);
  } else if (until) {
    untilInstant = until.kind === 'utc' ? until.instant.getTime() : localToInstant(until.local, r.timeZone).getTime();
    // Bound the floating expansion one hour past the local UNTIL (a DST overlap can put a later local
    // time at an earlier instant); the exact instant comparison happens after conversion.
    const local = Temporal.Instant.fromEpochMilliseconds(untilInstant).toZonedDateTimeISO(r.timeZone).toPlainDateTime().add({ hours: 1 });
    floatingParts.push(`UNTIL=${compact(local)}Z`);
  }
  const start = Temporal.PlainDateTime.from(r.start);
  const rule = new RRuleTemporal({
    rruleString: `DTSTART;TZID=UTC:${compact(start)}\nRRULE:${floatingParts.join(';')}`,
    temporal: Temporal,
    ...(probe ? { maxIterations: PROBE_PERIODS[/FREQ=(\w+)/.exec(body)?.[1] ?? ''] ?? 3000, maxCandidateEvaluations: 5000 } : {}),
  });
  const compiled = { rule, timeZone: r.timeZone, exdates: new Set(r.exdates ?? []), until, untilInstant };
  if (cache.size > 500) cache.clear();
  cache.set(key, compiled);
  return compiled;
}

type Occurrence = { instant: number; localMs: number };

/** True when the library gave up on a rule that never matches (BYMONTH=2;BYMONTHDAY=30): no occurrences. */
function exhausted(e: unknown): boolean {
  return e instanceof Error && /Maximum iterations|maximum candidate|maxCandidateEvaluations/i.test(e.message);
}

function guard<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch (e) {
    if (exhausted(e)) return fallback;
    throw e;
  }
}

/** The occurrence of a floating local time (exception dates removed, UNTIL applied), or null. */
function occurrence(c: Compiled, dt: Temporal.ZonedDateTime): Occurrence | null {
  const date = dt.toPlainDate().toString();
  if (c.exdates.has(date)) return null;
  const instant = dt.toPlainDateTime().toZonedDateTime(c.timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
  if (c.untilInstant !== null && instant > c.untilInstant) return null;
  return { instant, localMs: dt.epochMilliseconds };
}

/**
 * Walks the series forward in local-time order from the floating time `fromLocal`, window by window
 * (the library's `next`/`between` skip ahead fast; `all()` walks every occurrence from the start and
 * is slow for old routines). `visit` returns false to stop.
 */
function scan(c: Compiled, fromLocal: number, visit: (o: Occurrence) => boolean): void {
  let cursor = fromLocal;
  let span = 32 * DAY_MS;
  for (let windows = 0; windows < 1000; windows++) {
    const first = guard(() => c.rule.next(new Date(cursor), true), null);
    if (!first) return;
    const lo = first.epochMilliseconds;
    const hi = lo + span;
    const batch = guard(() => c.rule.between(new Date(lo), new Date(hi), true), []);
    for (const dt of batch) {
      const o = occurrence(c, dt as Temporal.ZonedDateTime);
      if (o && !visit(o)) return;
    }
    cursor = hi + 1;
    span = Math.min(span * 2, 4 * 366 * DAY_MS);
  }
}

function floatingOf(d: Date, timeZone: string): number {
  const z = Temporal.Instant.fromEpochMilliseconds(d.getTime()).toZonedDateTimeISO(timeZone);
  return z.toPlainDateTime().toZonedDateTime('UTC').epochMilliseconds;
}

/** Sorted, de-duplicated instants (two local times can land on one instant in a DST gap). */
function finish(instants: number[], limit: number): Date[] {
  return [...new Set(instants)].sort((a, b) => a - b).slice(0, limit).map((ms) => new Date(ms));
}

/** The next `count` occurrences strictly after `after`, as UTC instants in order. */
export function nextOccurrences(r: Recurrence, after: Date, count: number): Date[] {
  if (count <= 0) return [];
  const c = compile(r);
  const afterMs = after.getTime();
  const found: number[] = [];
  let stopAtLocal = Number.POSITIVE_INFINITY;
  // Local order and instant order differ by at most a DST shift: start a day early, end a day late.
  scan(c, Math.max(floatingOf(after, r.timeZone) - DAY_MS, -8.64e15), (o) => {
    if (o.localMs > stopAtLocal) return false;
    if (o.instant > afterMs) {
      found.push(o.instant);
      if (found.length === count) stopAtLocal = o.localMs + DAY_MS;
    }
    return true;
  });
  return finish(found, count);
}

/**
 * The rule's first occurrence, searched from its start within the validation caps: `null` when it
 * has none (COUNT, UNTIL or exdates exhaust it, or nothing is found within the caps). Used to refuse
 * rules that never occur at a bounded cost; run `impossibleRuleReasons` first for a clear message.
 */
export function firstOccurrenceWithin(r: Recurrence): Date | null {
  const c = compile(r, true);
  const fromLocal = Date.parse(`${r.start}:00Z`) - 2 * DAY_MS;
  const first = guard(() => c.rule.next(new Date(fromLocal), true), null);
  if (!first) return null;
  // Exception dates (at most 500) and a time UNTIL are applied on top: widen the window until a
  // candidate survives, up to two years past the first.
  let lo = first.epochMilliseconds;
  for (let span = 32 * DAY_MS; lo <= first.epochMilliseconds + 2 * 366 * DAY_MS; span *= 2) {
    const batch = guard(() => c.rule.between(new Date(lo), new Date(lo + span), true), []);
    for (const dt of batch) {
      const o = occurrence(c, dt as Temporal.ZonedDateTime);
      if (o) return new Date(o.instant);
    }
    lo += span + 1;
  }
  return null;
}

/** Occurrences t with from < t <= to, in order, at most `limit` (default 1000). */
export function occurrencesBetween(r: Recurrence, from: Date, to: Date, limit = 1000): Date[] {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (toMs <= fromMs || limit <= 0) return [];
  const c = compile(r);
  const stopAtLocal = floatingOf(to, r.timeZone) + DAY_MS;
  const found: number[] = [];
  let limitLocal = Number.POSITIVE_INFINITY;
  scan(c, floatingOf(from, r.timeZone) - DAY_MS, (o) => {
    if (o.localMs > stopAtLocal || o.localMs > limitLocal) return false;
    if (o.instant > fromMs && o.instant <= toMs) {
      found.push(o.instant);
      if (found.length === limit) limitLocal = o.localMs + DAY_MS;
    }
    return true;
  });
  return finish(found, limit);
}

/** The last occurrence at or before `at`, or null (used for catch-up after downtime). */
export function previousOccurrence(r: Recurrence, at: Date): Date | null {
  const c = compile(r);
  const atMs = at.getTime();
  let cursor = floatingOf(at, r.timeZone) + DAY_MS;
  for (let windows = 0; windows < 1000; windows++) {
    const p = guard(() => c.rule.previous(new Date(cursor), true), null);
    if (!p) return null;
    const lo = p.epochMilliseconds - 2 * DAY_MS;
    const batch = guard(() => c.rule.between(new Date(lo), new Date(p.epochMilliseconds), true), []);
    let best: number | null = null;
    for (const dt of batch) {
      const o = occurrence(c, dt as Temporal.ZonedDateTime);
      if (o && o.instant <= atMs && (best === null || o.instant > best)) best = o.instant;
    }
    if (best !== null) return new Date(best);
    cursor = lo - 1;
  }
  return null;
}

/** Units a completion-anchored routine counts in (its rule's FREQ). */
const UNIT_OF = { DAILY: 'days', WEEKLY: 'weeks', MONTHLY: 'months', YEARLY: 'years' } as const;

/**
 * The due time of the next occurrence of a completion-anchored routine: `interval` units of the
 * rule's FREQ after the local date the previous one was closed, at the start's local time of day.
 */
export function afterCompletion(r: Recurrence, closedAt: Date): Date {
  const parts = new Map(r.rrule.trim().replace(/^RRULE:/i, '').toUpperCase().split(';').map((p) => p.split('=') as [string, string]));
  const unit = UNIT_OF[(parts.get('FREQ') ?? 'DAILY') as keyof typeof UNIT_OF] ?? 'days';
  const n = Number(parts.get('INTERVAL') ?? '1');
  const day = Temporal.Instant.fromEpochMilliseconds(closedAt.getTime()).toZonedDateTimeISO(r.timeZone).toPlainDate().add({ [unit]: n });
  const time = Temporal.PlainDateTime.from(r.start).toPlainTime();
  return new Date(day.toPlainDateTime(time).toZonedDateTime(r.timeZone, { disambiguation: 'compatible' }).epochMilliseconds);
}

/** When an occurrence due at `due` is created: `leadDays` local calendar days earlier, same local time. */
export function leadTimeBefore(due: Date, timeZone: string, leadDays: number): Date {
  if (leadDays <= 0) return due;
  const local = Temporal.Instant.fromEpochMilliseconds(due.getTime()).toZonedDateTimeISO(timeZone).toPlainDateTime().subtract({ days: leadDays });
  return new Date(local.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds);
}
