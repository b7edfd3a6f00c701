import { describeLocal, leadTimeBefore, nextOccurrences, renderTitle } from '@weft/domain';
import type { Ctx } from '../../context';
import { loadRoutineAccess } from '../../commands/routines/routine-access';
import type { OccurrenceOverride } from '../../commands/routines/make-occurrence';
import { authorize } from '../../policies/policy';
import { routinePolicy } from '../../policies/routines.policy';
import { json, presentOccurrence, presentRoutine, recurrenceOf, templateOf } from '../../presenters/routines';
import { spaceAccess } from '../access';
import { afterKey, decodeCursor, encodeCursor, toPage } from '../cursor';

/** A space's routines, oldest first (ids are UUIDv7). */
export async function listRoutines(ctx: Ctx, spaceId: string, page: { cursor?: string; limit: number }) {
  const db = ctx.deps.store.db;
  const { m, subject } = await spaceAccess(db, ctx.actor, spaceId);
  authorize(routinePolicy, 'routine.read', m, subject, { canRead: true, notFound: 'SPACE_NOT_FOUND' });
  let q = db.selectFrom('routines').selectAll().where('space_id', '=', spaceId);
  const after = afterKey(page.cursor);
  if (after) q = q.where('id', '>', after);
  const rows = await q.orderBy('id').limit(page.limit + 1).execute();
  const p = toPage(rows, page.limit, (r) => r.id);
  return { data: p.data.map((r) => presentRoutine(r, m, subject)), nextCursor: p.nextCursor };
}

export async function getRoutine(ctx: Ctx, routineId: string) {
  const { routine, m, subject } = await loadRoutineAccess(ctx.deps.store.db, ctx.actor, routineId);
  authorize(routinePolicy, 'routine.read', m, subject, { canRead: true, notFound: 'ROUTINE_NOT_FOUND' });
  return presentRoutine(routine, m, subject);
}

/**
 * The next `count` occurrences not yet created, with overrides applied (skipped, postponed, edited),
 * each in the routine's zone and in the viewer's own zone (their profile's).
 */
export async function previewRoutine(ctx: Ctx, routineId: string, count: number) {
  const db = ctx.deps.store.db;
  const { routine: r, m, subject } = await loadRoutineAccess(db, ctx.actor, routineId);
  authorize(routinePolicy, 'routine.read', m, subject, { canRead: true, notFound: 'ROUTINE_NOT_FOUND' });
  const viewer = await db.selectFrom('users').select('time_zone').where('id', '=', ctx.actor.userId).executeTakeFirst();
  const viewerZone = viewer?.time_zone || 'UTC';
  const now = ctx.deps.clock.now();
  const rec = recurrenceOf(r);
  let instants: Date[];
  let waitingForCompletion = false;
  if (r.anchor === 'completion') {
    instants = r.next_at ? [new Date(r.next_at)] : [];
    waitingForCompletion = !r.next_at && r.last_occurrence_at !== null;
  } else {
    const cursor = r.last_occurrence_at ? Date.parse(r.last_occurrence_at) : 0;
    instants = nextOccurrences(rec, new Date(Math.max(cursor, now.getTime())), count);
  }
  const rows = instants.length
    ? await db.selectFrom('routine_occurrences').selectAll().where('routine_id', '=', r.id).where('occurrence_at', 'in', instants.map((d) => d.toISOString())).execute()
    : [];
  const byAt = new Map(rows.map((x) => [new Date(x.occurrence_at).toISOString(), x]));
  const tpl = templateOf(r);
  const lead = Number(r.lead_days);
  const occurrences = instants.map((o) => {
    const row = byAt.get(o.toISOString());
    const due = row ? new Date(row.due_at) : o;
    const override = row?.override ? json<OccurrenceOverride>(row.override) : null;
    const localDate = describeLocal(o, r.time_zone).date;
    const state = !row ? 'scheduled' : row.state === 'skipped' ? 'skipped' : due.getTime() !== o.getTime() ? 'postponed' : override ? 'edited' : 'scheduled';
    return {
      occurrenceAt: o.toISOString(),
      dueAt: due.toISOString(),
      createAt: leadTimeBefore(due, r.time_zone, lead).toISOString(),
      state: state as 'scheduled' | 'skipped' | 'postponed' | 'edited',
      title: renderTitle(override?.title ?? tpl.title, localDate),
      local: { ...describeLocal(due, r.time_zone), timeZone: r.time_zone },
      viewer: { ...describeLocal(due, viewerZone), timeZone: viewerZone },
    };
  });
  return { routineId: r.id, paused: r.paused_at !== null, waitingForCompletion, occurrences };
}

/** The routine's occurrence records (created, skipped, pending overrides), latest first. */
export async function listOccurrences(ctx: Ctx, routineId: string, page: { cursor?: string; limit: number }) {
  const db = ctx.deps.store.db;
  const { routine, m, subject } = await loadRoutineAccess(db, ctx.actor, routineId);
  authorize(routinePolicy, 'routine.read', m, subject, { canRead: true, notFound: 'ROUTINE_NOT_FOUND' });
  let q = db
    .selectFrom('routine_occurrences')
    .leftJoin('items', 'items.id', 'routine_occurrences.item_id')
    .selectAll('routine_occurrences')
    .select('items.key as itemKey')
    .where('routine_occurrences.routine_id', '=', routine.id);
  if (page.cursor) {
    const [at, id] = decodeCursor<[string, string]>(page.cursor, ['string', 'string']);
    q = q.where((eb) => eb.or([eb('routine_occurrences.occurrence_at', '<', at), eb.and([eb('routine_occurrences.occurrence_at', '=', at), eb('routine_occurrences.id', '<', id)])]));
  }
  const rows = await q.orderBy('routine_occurrences.occurrence_at', 'desc').orderBy('routine_occurrences.id', 'desc').limit(page.limit + 1).execute();
  const more = rows.length > page.limit;
  const data = rows.slice(0, page.limit);
  const last = data[data.length - 1];
  return { data: data.map((o) => presentOccurrence(o, o.itemKey ?? null)), nextCursor: more && last ? encodeCursor([last.occurrence_at, last.id]) : null };
}
