import type { SlaState } from './constants';

/** One SLA target of a request: when it is due, when it turns at risk, and when it was met. */
export type SlaClock = { dueAt: string | null; riskAt: string | null; metAt: string | null };
export type TargetState = SlaState | 'met';

/**
 * The state of one target at `now` (ISO instants compare as text). Met in time: `met`; met late or
 * still open after its due time: `breached`; open past its at-risk instant: `at_risk`.
 * The same rule is written in SQL for the `sla:` query terms (server queries/intake/sla-query.ts).
 */
export function targetState(c: SlaClock, now: string): TargetState | null {
  if (!c.dueAt) return null;
  if (c.metAt) return c.metAt > c.dueAt ? 'breached' : 'met';
  if (c.dueAt < now) return 'breached';
  if (c.riskAt && c.riskAt <= now) return 'at_risk';
  return 'on_track';
}

/** A request's overall state: the worst of its targets (a met target counts as on track); null without SLA. */
export function requestSlaState(targets: readonly SlaClock[], now: string): SlaState | null {
  const states = targets.map((t) => targetState(t, now)).filter((s): s is TargetState => s !== null);
  if (states.length === 0) return null;
  if (states.includes('breached')) return 'breached';
  if (states.includes('at_risk')) return 'at_risk';
  return 'on_track';
}
