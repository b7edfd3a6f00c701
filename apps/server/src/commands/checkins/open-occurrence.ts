import { type CheckinsTable, lockEventLog, newId } from '@weft/db';
import { describeLocal, isTimeZone, occurrencesBetween, type Recurrence, WeftError } from '@weft/domain';
import type { Ctx, Db, Deps } from '../../context';
import { appendEvent } from '../../events/append';
import { checkinPolicy } from '../../policies/checkins.policy';
import { authorize } from '../../policies/policy';
import { loadCheckinAccess, participantsOf } from '../../queries/checkins/checkin-access';
import { type Tx, withTx } from '../../tx';
import { computeDraft } from './draft';

const DAY = 86_400_000;

export type Ask = { userId: string; timeZone: string; dueAt: string };

/**
 * Each participant's zone: their profile's; else the workspace's; else the check-in's own.
 * (Profiles always carry a zone today, UTC unless chosen; the fallbacks cover bad or empty ones.)
 */
export async function zonesOf(db: Db, c: CheckinsTable, userIds: readonly string[]): Promise<Map<string, string>> {
  const rec = JSON.parse(c.recurrence) as Recurrence;
  const ws = await db.selectFrom('workspaces').select('time_zone').where('id', '=', c.workspace_id).executeTakeFirst();
  const fallback = ws?.time_zone && isTimeZone(ws.time_zone) ? ws.time_zone : rec.timeZone;
  const users = userIds.length ? await db.selectFrom('users').select(['id', 'time_zone']).where('id', 'in', [...userIds]).execute() : [];
  const byId = new Map(users.map((u) => [u.id, u.time_zone && isTimeZone(u.time_zone) ? u.time_zone : fallback]));
  return new Map(userIds.map((id) => [id, byId.get(id) ?? fallback]));
}

/**
 * Opens the occurrence of one local date (once: the unique key on check-in + date) and the prompts
 * of the people asked (once each: the key on occurrence + person), each with its draft. Takes the
 * event-log lock first so that two schedulers serialise here instead of deadlocking on PostgreSQL
 * (one holding the lock, the other a row of the same key); the unique keys stay the backstop.
 */
export async function openOccurrenceTx(tx: Tx, c: CheckinsTable, date: string, asks: readonly Ask[], missed: readonly string[] = []) {
  await lockEventLog(tx.db, tx.dialect);
  const inserted = await tx.db
    .insertInto('checkin_occurrences')
    .values({ id: newId(), checkin_id: c.id, workspace_id: c.workspace_id, local_date: date, opened_at: tx.now })
    .onConflict((oc) => oc.columns(['checkin_id', 'local_date']).doNothing())
    .returning('id')
    .executeTakeFirst();
  const occ = await tx.db.selectFrom('checkin_occurrences').selectAll().where('checkin_id', '=', c.id).where('local_date', '=', date).executeTakeFirstOrThrow();
  if (inserted) await appendEvent(tx, { type: 'checkin.occurrence_opened', workspaceId: c.workspace_id, spaceId: c.space_id, data: { checkinId: c.id, occurrenceId: occ.id, date, ...(missed.length ? { missedDates: missed } : {}) } });
  const have = new Set((await tx.db.selectFrom('checkin_prompts').select('user_id').where('occurrence_id', '=', occ.id).execute()).map((p) => p.user_id));
  const fresh = asks.filter((a) => !have.has(a.userId));
  const added: Ask[] = [];
  for (const a of fresh) {
    const previous = await tx.db
      .selectFrom('checkin_prompts')
      .select((eb) => eb.fn.max('due_at').as('due'))
      .where('checkin_id', '=', c.id)
      .where('user_id', '=', a.userId)
      .where('due_at', '<', a.dueAt)
      .executeTakeFirst();
    const draft = await computeDraft(tx.db, { workspaceId: c.workspace_id, userId: a.userId, spaceId: c.space_id, agingDays: Number(c.aging_days), from: (previous?.due as string | null) ?? null, to: a.dueAt });
    const row = { occurrence_id: occ.id, user_id: a.userId, checkin_id: c.id, time_zone: a.timeZone, due_at: a.dueAt, draft: JSON.stringify(draft), skipped_at: null };
    const res = await tx.db.insertInto('checkin_prompts').values(row).onConflict((oc) => oc.columns(['occurrence_id', 'user_id']).doNothing()).returning('user_id').executeTakeFirst();
    if (res) added.push(a);
  }
  if (added.length) {
    await appendEvent(tx, {
      type: 'checkin.prompted',
      workspaceId: c.workspace_id,
      spaceId: c.space_id,
      data: { checkinId: c.id, occurrenceId: occ.id, date, prompts: added.map((a) => ({ userId: a.userId, dueAt: a.dueAt, timeZone: a.timeZone })) },
    });
  }
  return { occurrence: occ, opened: !!inserted, added };
}

/**
 * The scheduler's pass over one check-in: for each participant zone, the latest recurrence instant
 * up to `now` in that zone ("Fridays 16:00" is 16:00 for each person). Missed older ones (the server
 * was down) are not opened: only the latest, and the occurrence's event names the missed dates.
 */
export async function openDueForCheckin(deps: Deps, c: CheckinsTable, now: Date): Promise<number> {
  const db = deps.store.db;
  const participants = await participantsOf(db, c);
  if (participants.length === 0) return 0;
  const rec = JSON.parse(c.recurrence) as Recurrence;
  const zones = await zonesOf(db, c, participants);
  const latest = await db.selectFrom('checkin_occurrences').select((eb) => eb.fn.max('opened_at').as('at')).where('checkin_id', '=', c.id).executeTakeFirst();
  // Zones are at most ~26 h apart: two days before the last opening still sees every zone's instant of that date.
  const floor = Math.max(Date.parse(c.schedule_from), latest?.at ? Date.parse(latest.at as string) - 2 * DAY : 0, now.getTime() - 400 * DAY);
  const byDate = new Map<string, { asks: Ask[]; missed: Set<string> }>();
  for (const zone of new Set(zones.values())) {
    const instants = occurrencesBetween({ ...rec, timeZone: zone }, new Date(floor), now);
    const last = instants.at(-1);
    if (!last) continue;
    const date = describeLocal(last, zone).date;
    const entry = byDate.get(date) ?? { asks: [], missed: new Set<string>() };
    for (const t of instants.slice(0, -1)) entry.missed.add(describeLocal(t, zone).date);
    for (const [userId, z] of zones) if (z === zone) entry.asks.push({ userId, timeZone: zone, dueAt: last.toISOString() });
    byDate.set(date, entry);
  }
  let opened = 0;
  const clocked: Deps = { ...deps, clock: { now: () => now } };
  for (const [date, { asks, missed }] of [...byDate].sort(([a], [b]) => a.localeCompare(b))) {
    const known = new Set(
      missed.size ? (await db.selectFrom('checkin_occurrences').select('local_date').where('checkin_id', '=', c.id).where('local_date', 'in', [...missed]).execute()).map((r) => r.local_date) : [],
    );
    const r = await withTx(clocked, null, (tx) => openOccurrenceTx(tx, c, date, asks, [...missed].filter((d) => !known.has(d) && d !== date).sort()));
    if (r.opened) opened += 1;
  }
  return opened;
}

/** One scheduler pass over every active check-in; answers how many occurrences it opened. */
export async function openDueOccurrences(deps: Deps, now: Date): Promise<number> {
  const active = await deps.store.db.selectFrom('checkins').selectAll().where('paused_at', 'is', null).orderBy('id').execute();
  let opened = 0;
  for (const c of active) {
    try {
      opened += await openDueForCheckin(deps, c, now);
    } catch (e) {
      // One broken check-in must not stop the others; the next pass retries it.
      deps.log.error({ err: e, checkinId: c.id }, 'check-in occurrence failed');
    }
  }
  return opened;
}

/**
 * "Ask now": opens today's occurrence (the local date in the check-in's zone) for every participant,
 * due now. The job later finds it open and adds nobody twice.
 */
export async function askNow(ctx: Ctx, id: string) {
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { checkin, m, subject, participants } = await loadCheckinAccess(tx.db, ctx.actor, id);
    authorize(checkinPolicy, 'checkin.update', m, subject, { canRead: true, notFound: 'CHECKIN_NOT_FOUND' });
    if (participants.length === 0) throw new WeftError('UNPROCESSABLE', 'this check-in has nobody to ask; add participants or a team');
    const rec = JSON.parse(checkin.recurrence) as Recurrence;
    const zones = await zonesOf(tx.db, checkin, participants);
    const date = describeLocal(new Date(tx.now), rec.timeZone).date;
    const r = await openOccurrenceTx(
      tx,
      checkin,
      date,
      participants.map((userId) => ({ userId, timeZone: zones.get(userId) as string, dueAt: tx.now })),
    );
    if (!r.opened && r.added.length === 0) throw new WeftError('ALREADY_EXISTS', `the occurrence of ${date} is already open for everyone`);
    return { occurrence: r.occurrence, m, checkin };
  });
}
