import { isForeignKeyViolation, newId, type WorkingCalendarsTable } from '@weft/db';
import { CreateCalendarInput, UpdateCalendarInput, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Actor, Ctx, Db } from '../../context';
import { appendEvent } from '../../events/append';
import { calendarPolicy } from '../../policies/intake.policy';
import { authorize } from '../../policies/policy';
import { presentCalendar } from '../../presenters/intake';
import { membershipOf } from '../../queries/access';
import { withTx } from '../../tx';
import { requireVersion, versionConflict } from '../versioned';

// Create, update and delete of one small resource live together: each is a few lines of the same shape.

/** A calendar with the actor's membership in its workspace (404 CALENDAR_NOT_FOUND for strangers). */
export async function loadCalendar(db: Db, actor: Actor, id: string) {
  const cal = await db.selectFrom('working_calendars').selectAll().where('id', '=', id).executeTakeFirst();
  const m = cal ? await membershipOf(db, actor, cal.workspace_id).catch(() => null) : null;
  if (!cal || !m) throw new WeftError('CALENDAR_NOT_FOUND', 'calendar not found');
  return { cal, m };
}

/** Adds a working calendar to a workspace (admins). */
export async function createCalendar(ctx: Ctx, workspaceId: string, raw: z.input<typeof CreateCalendarInput>) {
  const input = CreateCalendarInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const m = await membershipOf(tx.db, ctx.actor, workspaceId);
    authorize(calendarPolicy, 'calendar.manage', m, null, { canRead: true, notFound: 'WORKSPACE_NOT_FOUND' });
    const row: WorkingCalendarsTable = {
      id: newId(),
      workspace_id: workspaceId,
      name: input.name,
      time_zone: input.timeZone,
      hours: JSON.stringify(input.hours),
      holidays: JSON.stringify([...new Set(input.holidays)].sort()),
      created_at: tx.now,
      updated_at: tx.now,
      version: 1,
    };
    await tx.db.insertInto('working_calendars').values(row).execute();
    await appendEvent(tx, { type: 'calendar.created', workspaceId, data: { calendarId: row.id, name: row.name } });
    return { cal: row, m };
  });
}

/**
 * Changes a calendar. Due times already computed for open requests keep their values: a calendar
 * change applies to requests submitted after it (documented in docs/intake.md).
 */
export async function updateCalendar(ctx: Ctx, id: string, raw: z.input<typeof UpdateCalendarInput>) {
  const input = UpdateCalendarInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { cal, m } = await loadCalendar(tx.db, ctx.actor, id);
    authorize(calendarPolicy, 'calendar.manage', m, null, { canRead: true, notFound: 'CALENDAR_NOT_FOUND' });
    const version = requireVersion(input.version);
    if (Number(cal.version) !== version) versionConflict(presentCalendar(cal, m));
    const updated = await tx.db
      .updateTable('working_calendars')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
        ...(input.hours !== undefined ? { hours: JSON.stringify(input.hours) } : {}),
        ...(input.holidays !== undefined ? { holidays: JSON.stringify([...new Set(input.holidays)].sort()) } : {}),
        updated_at: tx.now,
        version: version + 1,
      })
      .where('id', '=', cal.id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) versionConflict(presentCalendar(cal, m));
    await appendEvent(tx, { type: 'calendar.updated', workspaceId: cal.workspace_id, data: { calendarId: cal.id, changed: Object.keys(input).filter((k) => k !== 'version') } });
    return { cal: updated, m };
  });
}

/** Deletes a calendar no SLA policy uses (409 CALENDAR_IN_USE otherwise). */
export async function deleteCalendar(ctx: Ctx, id: string) {
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { cal, m } = await loadCalendar(tx.db, ctx.actor, id);
    authorize(calendarPolicy, 'calendar.manage', m, null, { canRead: true, notFound: 'CALENDAR_NOT_FOUND' });
    const used = await tx.db.selectFrom('sla_policies').select('id').where('calendar_id', '=', cal.id).executeTakeFirst();
    if (used) throw new WeftError('CALENDAR_IN_USE', 'an SLA policy counts time with this calendar: point it at another calendar first');
    try {
      await tx.db.deleteFrom('working_calendars').where('id', '=', cal.id).execute();
    } catch (e) {
      if (isForeignKeyViolation(e)) throw new WeftError('CALENDAR_IN_USE', 'an SLA policy counts time with this calendar');
      throw e;
    }
    await appendEvent(tx, { type: 'calendar.deleted', workspaceId: cal.workspace_id, data: { calendarId: cal.id, name: cal.name } });
  });
}
