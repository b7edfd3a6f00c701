import { newId, type RoutineOccurrencesTable, type RoutinesTable } from '@weft/db';
import { describeLocal, EditOccurrenceInput, leadTimeBefore, localToInstant, occurrencesBetween, PostponeOccurrenceInput, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { authorize } from '../../policies/policy';
import { routinePolicy } from '../../policies/routines.policy';
import { json, recurrenceOf } from '../../presenters/routines';
import { type Tx, withTx } from '../../tx';
import type { OccurrenceOverride } from './make-occurrence';
import { loadRoutineAccess, type RoutineAccess } from './routine-access';

/** Finds the occurrence a user names: a local date in the routine's zone ('YYYY-MM-DD') or its exact instant. */
export function resolveOccurrence(r: RoutinesTable, ref: string): Date {
  const rec = recurrenceOf(r);
  let found: Date | undefined;
  if (r.anchor === 'completion') {
    const next = r.next_at ? new Date(r.next_at) : null;
    if (next && (ref.length === 10 ? describeLocal(next, r.time_zone).date === ref : next.getTime() === Date.parse(ref))) found = next;
  } else if (ref.length === 10) {
    const from = localToInstant(`${ref}T00:00`, r.time_zone);
    const dayAfter = new Date(Date.parse(`${ref}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const to = localToInstant(`${dayAfter}T00:00`, r.time_zone);
    found = occurrencesBetween(rec, new Date(from.getTime() - 1), new Date(to.getTime() - 1), 1)[0];
  } else {
    const at = new Date(ref);
    found = occurrencesBetween(rec, new Date(at.getTime() - 1), at, 1)[0];
  }
  if (!found) throw new WeftError('OCCURRENCE_NOT_FOUND', `this routine has no upcoming occurrence on ${ref} (${r.time_zone})`);
  return found;
}

type Change = { state: 'skipped' | 'pending'; dueAt?: Date; override?: OccurrenceOverride };

/**
 * Writes a per-occurrence override before the occurrence is created. Once created it is an ordinary
 * item (409: change the item instead); a date the scheduler has already passed is refused too.
 * The insert races the scheduler's claim on the same unique key, so exactly one of them wins.
 */
async function overrideOccurrence(tx: Tx, a: RoutineAccess, ref: string, change: Change, eventType: string) {
  const r = a.routine;
  const o = resolveOccurrence(r, ref);
  const occurrenceAt = o.toISOString();
  let row = await tx.db.selectFrom('routine_occurrences').selectAll().where('routine_id', '=', r.id).where('occurrence_at', '=', occurrenceAt).executeTakeFirst();
  if (row?.state === 'created') {
    const item = row.item_id ? await tx.db.selectFrom('items').select('key').where('id', '=', row.item_id).executeTakeFirst() : undefined;
    throw new WeftError('OCCURRENCE_ALREADY_CREATED', `this occurrence was already created${item ? ` as ${item.key}` : ''}; change that item instead`);
  }
  const handled = r.anchor === 'schedule' && r.last_occurrence_at !== null && o.getTime() <= Date.parse(r.last_occurrence_at);
  if (!row && handled) throw new WeftError('OCCURRENCE_PASSED', 'this occurrence has already passed');
  const dueAt = change.dueAt ?? (row ? new Date(row.due_at) : o);
  const override = change.override ? { ...(row?.override ? json<OccurrenceOverride>(row.override) : {}), ...change.override } : row?.override ? json<OccurrenceOverride>(row.override) : null;
  const state = change.state === 'pending' && row?.state === 'skipped' ? 'skipped' : change.state;
  const values = {
    state,
    due_at: dueAt.toISOString(),
    create_at: leadTimeBefore(dueAt, r.time_zone, Number(r.lead_days)).toISOString(),
    reason: state === 'skipped' ? 'user' : null,
    override: override ? JSON.stringify(override) : null,
    updated_at: tx.now,
  };
  if (!row) {
    const fresh: RoutineOccurrencesTable = { id: newId(), routine_id: r.id, workspace_id: r.workspace_id, space_id: r.space_id, occurrence_at: occurrenceAt, local_date: describeLocal(o, r.time_zone).date, item_id: null, assignee_id: null, created_at: tx.now, ...values };
    const inserted = await tx.db.insertInto('routine_occurrences').values(fresh).onConflict((oc) => oc.columns(['routine_id', 'occurrence_at']).doNothing()).returning('id').executeTakeFirst();
    if (!inserted) throw new WeftError('OCCURRENCE_ALREADY_CREATED', 'this occurrence was just created; change that item instead');
    row = fresh;
  } else {
    const updated = await tx.db.updateTable('routine_occurrences').set(values).where('id', '=', row.id).where('state', 'in', ['pending', 'skipped']).returningAll().executeTakeFirst();
    if (!updated) throw new WeftError('OCCURRENCE_ALREADY_CREATED', 'this occurrence was just created; change that item instead');
    row = updated;
  }
  await appendEvent(tx, { type: eventType, workspaceId: r.workspace_id, spaceId: r.space_id, data: { routineId: r.id, occurrenceAt, dueAt: values.due_at, ...(change.override ? { changed: Object.keys(change.override) } : {}) } });
  return { ...row, ...values };
}

async function withRoutine<T>(ctx: Ctx, routineId: string, fn: (tx: Tx, a: RoutineAccess) => Promise<T>): Promise<T> {
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const a = await loadRoutineAccess(tx.db, ctx.actor, routineId);
    authorize(routinePolicy, 'routine.manage', a.m, a.subject, { canRead: true, notFound: 'ROUTINE_NOT_FOUND' });
    return fn(tx, a);
  });
}

/** Skips one occurrence: no item is made for it. */
export async function skipOccurrence(ctx: Ctx, routineId: string, ref: string) {
  return withRoutine(ctx, routineId, (tx, a) => overrideOccurrence(tx, a, ref, { state: 'skipped' }, 'routine.occurrence_skipped'));
}

/** Moves one occurrence to a later (or earlier) due time; its item is created that much later, lead time included. */
export async function postponeOccurrence(ctx: Ctx, routineId: string, ref: string, raw: z.input<typeof PostponeOccurrenceInput>) {
  const input = PostponeOccurrenceInput.parse(raw);
  return withRoutine(ctx, routineId, (tx, a) => {
    const o = resolveOccurrence(a.routine, ref);
    let dueAt: Date;
    if (input.to) dueAt = localToInstant(input.to, a.routine.time_zone);
    else {
      const l = describeLocal(o, a.routine.time_zone);
      const day = new Date(Date.parse(`${l.date}T00:00:00Z`) + (input.days as number) * 86_400_000).toISOString().slice(0, 10);
      dueAt = localToInstant(`${day}T${l.time}`, a.routine.time_zone);
    }
    if (dueAt.getTime() <= Date.parse(tx.now)) {
      throw new WeftError('VALIDATION_FAILED', 'postpone to a time in the future', { fields: [{ path: input.to ? 'body.to' : 'body.days', message: 'must be in the future' }] });
    }
    return overrideOccurrence(tx, a, ref, { state: 'pending', dueAt }, 'routine.occurrence_postponed');
  });
}

/** Changes one occurrence's title, description, priority or assignees before it is created. */
export async function editOccurrence(ctx: Ctx, routineId: string, ref: string, raw: z.input<typeof EditOccurrenceInput>) {
  const input = EditOccurrenceInput.parse(raw);
  return withRoutine(ctx, routineId, (tx, a) => overrideOccurrence(tx, a, ref, { state: 'pending', override: input }, 'routine.occurrence_edited'));
}

/**
 * Takes back a skip, a postpone or a one-occurrence edit before the occurrence is created: the row
 * goes and the occurrence follows the series again. The delete is guarded on the row's state, so it
 * races the scheduler's claim safely. Refused once created (409), once its original date has been
 * passed by the scheduler (409: clearing would lose it; postpone it instead), and for an occurrence
 * without an override (404).
 */
export async function clearOccurrence(ctx: Ctx, routineId: string, ref: string) {
  return withRoutine(ctx, routineId, async (tx, a) => {
    const r = a.routine;
    const o = resolveOccurrence(r, ref);
    const occurrenceAt = o.toISOString();
    const row = await tx.db.selectFrom('routine_occurrences').selectAll().where('routine_id', '=', r.id).where('occurrence_at', '=', occurrenceAt).executeTakeFirst();
    if (row?.state === 'created') throw new WeftError('OCCURRENCE_ALREADY_CREATED', 'this occurrence was already created; change that item instead');
    if (!row || (row.state === 'skipped' && row.reason !== 'user')) throw new WeftError('OCCURRENCE_NOT_FOUND', `the occurrence on ${describeLocal(o, r.time_zone).date} has no skip, postpone or edit to clear`);
    const passed = r.anchor === 'schedule' && r.last_occurrence_at !== null && o.getTime() <= Date.parse(r.last_occurrence_at);
    if (passed) throw new WeftError('OCCURRENCE_PASSED', 'the original date of this occurrence has passed; postpone or edit it instead of clearing');
    const deleted = await tx.db.deleteFrom('routine_occurrences').where('id', '=', row.id).where('state', 'in', ['pending', 'skipped']).returning('id').executeTakeFirst();
    if (!deleted) throw new WeftError('OCCURRENCE_ALREADY_CREATED', 'this occurrence was just created; change that item instead');
    await appendEvent(tx, { type: 'routine.occurrence_cleared', workspaceId: r.workspace_id, spaceId: r.space_id, data: { routineId: r.id, occurrenceAt, was: row.state === 'skipped' ? 'skipped' : 'pending' } });
  });
}
