import { PRIORITIES, type Priority, SLA_AT_RISK_FRACTION, type SlaTargets, type WeeklyHours } from '@weft/domain';
import type { Db } from '../../context';
import { parseJson } from '../../presenters/intake';
import { addBusinessMinutes, type WorkingCalendar } from './business-time';

export type SlaClocks = {
  policyId: string;
  firstResponse: { dueAt: string; riskAt: string } | null;
  resolution: { dueAt: string; riskAt: string } | null;
};

/**
 * The due and at-risk instants of a request's targets, from the space's SLA policy and the
 * request's priority, counted in business minutes from `from`. At risk: less than 20% of the
 * target's business time is left, i.e. once 80% of it has elapsed.
 */
export async function slaClocksFor(db: Db, spaceId: string, priority: string, from: Date): Promise<SlaClocks | null> {
  const policy = await db.selectFrom('sla_policies').selectAll().where('space_id', '=', spaceId).executeTakeFirst();
  if (!policy) return null;
  const cal = await db.selectFrom('working_calendars').selectAll().where('id', '=', policy.calendar_id).executeTakeFirstOrThrow();
  const calendar: WorkingCalendar = { timeZone: cal.time_zone, hours: parseJson<WeeklyHours>(cal.hours, {} as WeeklyHours), holidays: parseJson<string[]>(cal.holidays, []) };
  const p = (PRIORITIES as readonly string[]).includes(priority) ? (priority as Priority) : 'none';
  const t = parseJson<SlaTargets>(policy.targets, {})[p];
  const clock = (minutes: number | undefined) =>
    minutes
      ? { dueAt: addBusinessMinutes(calendar, from, minutes).toISOString(), riskAt: addBusinessMinutes(calendar, from, minutes * (1 - SLA_AT_RISK_FRACTION)).toISOString() }
      : null;
  const firstResponse = clock(t?.firstResponseMinutes);
  const resolution = clock(t?.resolutionMinutes);
  return firstResponse || resolution ? { policyId: policy.id, firstResponse, resolution } : null;
}
