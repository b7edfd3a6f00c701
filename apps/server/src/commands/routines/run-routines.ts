import { newId, type RoutineOccurrencesTable, type RoutinesTable } from '@weft/db';
import { afterCompletion, describeLocal, isWeftError, leadTimeBefore, occurrencesBetween, previousOccurrence } from '@weft/domain';
import type { Deps } from '../../context';
import { appendEvent } from '../../events/append';
import { recurrenceOf } from '../../presenters/routines';
import { type Tx, withTx } from '../../tx';
import { makeOccurrenceItem, previousStillOpen } from './make-occurrence';
import { nextScheduled } from './routine-access';

const DAY_MS = 86_400_000;
const BATCH = 200;
/** After a failed attempt (the run-as user lost access, a field became invalid...), try again in an hour. */
const RETRY_MS = 3_600_000;

export type PassResult = { created: number; skipped: number; failed: number };

/**
 * One scheduler pass. Safe to run from several processes at once: every occurrence is claimed by
 * inserting its row under UNIQUE (routine_id, occurrence_at) in the same transaction that creates
 * the item, so a racing pass finds the row and does nothing. State lives only in the database, so
 * a restarted server resumes where the last pass stopped.
 */
export async function runRoutines(deps: Deps, now: Date): Promise<PassResult> {
  const result: PassResult = { created: 0, skipped: 0, failed: 0 };
  await detectCompletions(deps, now);
  const nowIso = now.toISOString();
  const due = await deps.store.db
    .selectFrom('routines')
    .select('id')
    .where('paused_at', 'is', null)
    .where('next_create_at', 'is not', null)
    .where('next_create_at', '<=', nowIso)
    .orderBy('next_create_at')
    .limit(BATCH)
    .execute();
  for (const { id } of due) await guarded(deps, id, now, result, () => runRoutine(deps, id, now, result));
  const pending = await deps.store.db
    .selectFrom('routine_occurrences')
    .innerJoin('routines', 'routines.id', 'routine_occurrences.routine_id')
    .select(['routine_occurrences.id', 'routine_occurrences.routine_id'])
    .where('routine_occurrences.state', '=', 'pending')
    .where('routine_occurrences.create_at', '<=', nowIso)
    .where('routines.paused_at', 'is', null)
    .orderBy('routine_occurrences.create_at')
    .limit(BATCH)
    .execute();
  for (const p of pending) await guarded(deps, p.routine_id, now, result, () => runPending(deps, p.id, result), p.id);
  return result;
}

/**
 * A routine whose occurrence cannot be made records why (`lastError`) and is retried in an hour;
 * the pass goes on with the other routines.
 */
async function guarded(deps: Deps, routineId: string, now: Date, result: PassResult, fn: () => Promise<void>, occurrenceId?: string): Promise<void> {
  try {
    await fn();
  } catch (e) {
    result.failed += 1;
    const message = (isWeftError(e) ? `${e.code}: ${e.message}` : 'internal error (see the server log)').slice(0, 1000);
    if (!isWeftError(e)) deps.log.error({ err: e, routineId }, 'routine occurrence failed');
    const retryAt = new Date(now.getTime() + RETRY_MS).toISOString();
    await deps.store.db.updateTable('routines').set({ last_error: message }).where('id', '=', routineId).execute();
    if (occurrenceId) await deps.store.db.updateTable('routine_occurrences').set({ create_at: retryAt }).where('id', '=', occurrenceId).where('state', '=', 'pending').execute();
    else await deps.store.db.updateTable('routines').set({ next_create_at: retryAt }).where('id', '=', routineId).where('next_create_at', 'is not', null).execute();
  }
}

async function loadRoutine(deps: Deps, id: string): Promise<RoutinesTable | undefined> {
  return deps.store.db.selectFrom('routines').selectAll().where('id', '=', id).where('paused_at', 'is', null).executeTakeFirst();
}

/**
 * Occurrences of a schedule-anchored routine whose creation time has come. Catch-up policy after
 * downtime: of the occurrences already due, only the latest is created; the earlier ones are listed
 * in a `routine.occurrences_missed` event on that item (its activity shows them). Occurrences due
 * in the future whose lead time has started are all created.
 */
async function runRoutine(deps: Deps, id: string, now: Date, result: PassResult): Promise<void> {
  const r = await loadRoutine(deps, id);
  if (!r?.next_create_at || Date.parse(r.next_create_at) > now.getTime()) return;
  if (r.anchor === 'completion') return runCompletionRoutine(deps, r, result);
  const rec = recurrenceOf(r);
  const lead = Number(r.lead_days);
  const cursor = new Date(r.last_occurrence_at ? Date.parse(r.last_occurrence_at) : 0);
  const latestPast = previousOccurrence(rec, now);
  const past = latestPast && latestPast > cursor ? latestPast : null;
  const horizon = new Date(now.getTime() + (lead + 2) * DAY_MS);
  const future = occurrencesBetween(rec, new Date(Math.max(now.getTime(), cursor.getTime())), horizon, 400).filter((o) => leadTimeBefore(o, rec.timeZone, lead) <= now);
  const missed = past ? occurrencesBetween(rec, cursor, new Date(past.getTime() - 1), 1000) : [];
  const toCreate = [...(past ? [past] : []), ...future];
  for (const [i, o] of toCreate.entries()) {
    await claimAndCreate(deps, r, o, i === 0 && past ? missed : [], result);
  }
  const newCursor = toCreate.length ? toCreate[toCreate.length - 1] : cursor;
  const plan = nextScheduled(rec, lead, newCursor as Date);
  // Only move forward, and only if nobody edited the series meanwhile (an edit plans on its own).
  await deps.store.db
    .updateTable('routines')
    .set({ last_occurrence_at: (newCursor as Date).toISOString(), ...plan, last_error: null })
    .where('id', '=', r.id)
    .where('version', '=', r.version)
    .execute();
}

/** A completion-anchored routine creates its one pending occurrence, then waits for it to be closed. */
async function runCompletionRoutine(deps: Deps, r: RoutinesTable, result: PassResult): Promise<void> {
  const o = new Date(r.next_at as string);
  const row = await claimAndCreate(deps, r, o, [], result);
  // A skipped occurrence counts as closed at its due time; a postponed one is created by the pending pass.
  const next = row?.state === 'skipped' ? afterCompletion(recurrenceOf(r), o) : null;
  await deps.store.db
    .updateTable('routines')
    .set({
      last_occurrence_at: o.toISOString(),
      next_at: next ? next.toISOString() : null,
      next_create_at: next ? leadTimeBefore(next, r.time_zone, Number(r.lead_days)).toISOString() : null,
      last_error: null,
    })
    .where('id', '=', r.id)
    .where('version', '=', r.version)
    .where('next_at', '=', r.next_at)
    .execute();
}

/**
 * Claims one occurrence (INSERT … ON CONFLICT DO NOTHING on the unique key) and creates its item in
 * the same transaction. When the row already exists (created by another process, skipped or
 * overridden by a user) nothing is created here; the existing row is returned.
 */
async function claimAndCreate(deps: Deps, r: RoutinesTable, o: Date, missed: Date[], result: PassResult): Promise<RoutineOccurrencesTable | undefined> {
  return withTx(deps, null, async (tx) => {
    const occurrenceAt = o.toISOString();
    const row: RoutineOccurrencesTable = {
      id: newId(),
      routine_id: r.id,
      workspace_id: r.workspace_id,
      space_id: r.space_id,
      occurrence_at: occurrenceAt,
      local_date: describeLocal(o, r.time_zone).date,
      state: 'created',
      due_at: occurrenceAt,
      create_at: leadTimeBefore(o, r.time_zone, Number(r.lead_days)).toISOString(),
      item_id: null,
      assignee_id: null,
      reason: null,
      override: null,
      created_at: tx.now,
      updated_at: tx.now,
    };
    const claimed = await tx.db.insertInto('routine_occurrences').values(row).onConflict((oc) => oc.columns(['routine_id', 'occurrence_at']).doNothing()).returning('id').executeTakeFirst();
    if (!claimed) return tx.db.selectFrom('routine_occurrences').selectAll().where('routine_id', '=', r.id).where('occurrence_at', '=', occurrenceAt).executeTakeFirst();
    await createOrSkip(tx, deps, r, row, missed, result);
    return row;
  });
}

/** Runs a pending override (postponed or edited occurrence) whose time has come: claimed by a guarded update. */
async function runPending(deps: Deps, occurrenceId: string, result: PassResult): Promise<void> {
  await withTx(deps, null, async (tx) => {
    const row = await tx.db
      .updateTable('routine_occurrences')
      .set({ state: 'created', updated_at: tx.now })
      .where('id', '=', occurrenceId)
      .where('state', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    if (!row) return;
    const r = await tx.db.selectFrom('routines').selectAll().where('id', '=', row.routine_id).executeTakeFirstOrThrow();
    await createOrSkip(tx, deps, r, row, [], result);
  });
}

async function createOrSkip(tx: Tx, deps: Deps, r: RoutinesTable, row: RoutineOccurrencesTable, missed: Date[], result: PassResult): Promise<void> {
  if (Number(r.skip_while_open) === 1 && (await previousStillOpen(tx, r.id, row.occurrence_at))) {
    row.state = 'skipped';
    row.reason = 'previous_open';
    await tx.db.updateTable('routine_occurrences').set({ state: 'skipped', reason: 'previous_open', updated_at: tx.now }).where('id', '=', row.id).execute();
    await appendEvent(tx, { type: 'routine.occurrence_skipped', workspaceId: r.workspace_id, spaceId: r.space_id, data: { routineId: r.id, occurrenceAt: row.occurrence_at, reason: 'previous_open' } });
    result.skipped += 1;
    return;
  }
  const made = await makeOccurrenceItem(tx, deps, r, row);
  row.item_id = made.itemId;
  result.created += 1;
  const notOverridden = missed.length ? await unrecorded(tx, r.id, missed) : [];
  if (notOverridden.length) {
    await appendEvent(tx, {
      type: 'routine.occurrences_missed',
      workspaceId: r.workspace_id,
      spaceId: r.space_id,
      itemId: made.itemId,
      data: { routineId: r.id, count: notOverridden.length, dates: notOverridden.slice(-50).map((d) => describeLocal(d, r.time_zone).date), note: 'the server was not running at these times; only the latest occurrence was created' },
    });
  }
}

/** Missed dates without a row of their own (a skipped or postponed one was not "missed"). */
async function unrecorded(tx: Tx, routineId: string, dates: Date[]): Promise<Date[]> {
  const isos = dates.map((d) => d.toISOString());
  const rows = await tx.db.selectFrom('routine_occurrences').select('occurrence_at').where('routine_id', '=', routineId).where('occurrence_at', 'in', isos.slice(0, 1000)).execute();
  const have = new Set(rows.map((x) => x.occurrence_at));
  return dates.filter((d) => !have.has(d.toISOString()));
}

/**
 * Completion-anchored routines waiting for their current item: when it is closed (done, canceled or
 * trashed), plan the next occurrence N units after the local date it was closed. Detected by a
 * query, so the core item commands need not know about routines; racing passes write the same plan.
 */
async function detectCompletions(deps: Deps, now: Date): Promise<void> {
  const rows = await deps.store.db
    .selectFrom('routines')
    .innerJoin('routine_occurrences as o', (j) => j.onRef('o.routine_id', '=', 'routines.id').onRef('o.occurrence_at', '=', 'routines.last_occurrence_at'))
    .leftJoin('items', 'items.id', 'o.item_id')
    .selectAll('routines')
    .select(['o.state as occState', 'items.id as itemId', 'items.completed_at', 'items.deleted_at', 'items.status_category', 'items.updated_at as itemUpdatedAt'])
    .where('routines.anchor', '=', 'completion')
    .where('routines.paused_at', 'is', null)
    .where('routines.next_at', 'is', null)
    .where('o.state', '=', 'created')
    .where((eb) => eb.or([eb('items.id', 'is', null), eb('items.completed_at', 'is not', null), eb('items.deleted_at', 'is not', null), eb('items.status_category', '=', 'canceled')]))
    .limit(BATCH)
    .execute();
  for (const r of rows) {
    const closedAt = r.completed_at ?? r.deleted_at ?? r.itemUpdatedAt ?? now.toISOString();
    const rec = recurrenceOf(r);
    let next = afterCompletion(rec, new Date(closedAt));
    const prev = new Date(r.last_occurrence_at as string);
    if (next <= prev) next = afterCompletion(rec, prev);
    await deps.store.db
      .updateTable('routines')
      .set({ next_at: next.toISOString(), next_create_at: leadTimeBefore(next, r.time_zone, Number(r.lead_days)).toISOString() })
      .where('id', '=', r.id)
      .where('next_at', 'is', null)
      .where('last_occurrence_at', '=', r.last_occurrence_at)
      .execute();
  }
}
