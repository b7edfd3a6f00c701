// The next dates of a routine as it is being edited, before it is saved. The server's preview
// (`GET /routines/{id}/preview`) only knows saved routines, so the draft is expanded here with the
// server's own engine (`@weft/domain/recurrence`: rrule-temporal + a Temporal polyfill, zod-free):
// the same code the scheduler runs, so the dates agree with it across DST changes by construction.
// The engine is passed in, so the editor can load it lazily and the tests can use it directly.
import type * as Recurrence from '@weft/domain/recurrence';
import { renderTitle } from '@weft/domain/routine-title';

export type RecurrenceEngine = Pick<typeof Recurrence, 'nextOccurrences' | 'describeLocal' | 'localToInstant' | 'parseRRule' | 'impossibleRuleReasons' | 'isCalendarDate'>;

export type DraftInput = {
  recurrence: { rrule: string; timeZone: string; start: string; exdates?: string[] };
  anchor: 'schedule' | 'completion';
  title: string;
  /** The viewer's zone (their profile's, as the server's preview uses). */
  viewerZone: string;
  /** The scheduler's cursor: now, or later when the routine already created items (`handledThrough`). */
  after: Date;
  count?: number;
};

export type DraftRow = { at: string; title: string; local: { date: string; time: string }; viewer: { date: string; time: string } };

export type DraftPreview =
  | { kind: 'dates'; rows: DraftRow[] }
  /** After completion: only the first due date is fixed; the rest follow completions. */
  | { kind: 'completion'; first: DraftRow }
  | { kind: 'invalid'; problems: string[] };

// As the server's LocalDateTime (hours 00–23, minutes 00–59); the day is checked with the engine's isCalendarDate.
const START_RE = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/;

function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz !== '';
  } catch {
    return false;
  }
}

/** The draft's next dates in the routine's zone and the viewer's, or why there are none. */
export function draftPreview(engine: RecurrenceEngine, d: DraftInput): DraftPreview {
  const { rrule, timeZone, start } = d.recurrence;
  const problems: string[] = [];
  if (!START_RE.test(start)) problems.push('Set a start date and time.');
  else if (!engine.isCalendarDate(start.slice(0, 10))) problems.push(`${start.slice(0, 10)} is not a real calendar date.`);
  if (!validZone(timeZone)) problems.push(`“${timeZone}” is not a time zone.`);
  const parsed = engine.parseRRule(rrule);
  if (rrule.trim() === '') problems.push('Set how it repeats.');
  else problems.push(...parsed.errors);
  if (problems.length === 0) problems.push(...engine.impossibleRuleReasons(parsed.parts, start));
  if (problems.length > 0) return { kind: 'invalid', problems };
  const rec = { ...d.recurrence, rrule: parsed.normalized };
  const viewerZone = validZone(d.viewerZone) ? d.viewerZone : 'UTC';
  const row = (at: Date): DraftRow => {
    const local = engine.describeLocal(at, timeZone);
    return { at: at.toISOString(), title: renderTitle(d.title, local.date), local, viewer: engine.describeLocal(at, viewerZone) };
  };
  if (d.anchor === 'completion') {
    // As the server plans it: the start, or now when the start has passed.
    const first = new Date(Math.max(engine.localToInstant(start, timeZone).getTime(), d.after.getTime()));
    return { kind: 'completion', first: row(first) };
  }
  return { kind: 'dates', rows: engine.nextOccurrences(rec, d.after, d.count ?? 5).map(row) };
}
