import { CLOSED_CATEGORIES } from '@weft/domain';
import { sql } from 'kysely';
import type { Deps } from '../context';
import { appendEvent } from '../events/append';
import { parseJson } from '../presenters/intake';
import { withTx } from '../tx';
import { recomputeSlaDueTimes } from '../commands/intake/sla-recompute';
import type { Job } from './types';

type Target = 'first_response' | 'resolution';
const CLOSED = [...CLOSED_CATEGORIES];
/** Candidates handled per pass and kind; the next pass takes the rest. */
const BATCH = 500;

/**
 * First response: the earliest comment on the request's item by a workspace member other than the
 * requester (accept, decline and merge set it themselves). Written with a guarded update.
 */
async function detectFirstResponses(deps: Deps): Promise<void> {
  const db = deps.store.db;
  const rows = await db
    .selectFrom('intake_requests as r')
    .innerJoin('comments as c', 'c.item_id', 'r.item_id')
    .innerJoin('members as mb', (j) => j.onRef('mb.user_id', '=', 'c.author_id').onRef('mb.workspace_id', '=', 'r.workspace_id'))
    .select(['r.id', (eb) => eb.fn.min('c.created_at').as('at')])
    .where('r.first_response_at', 'is', null)
    .where('c.deleted_at', 'is', null)
    .where((eb) => eb.or([eb('r.requester_user_id', 'is', null), eb('c.author_id', '!=', eb.ref('r.requester_user_id'))]))
    .groupBy('r.id')
    .limit(BATCH)
    .execute();
  for (const r of rows) {
    await db.updateTable('intake_requests').set({ first_response_at: String(r.at) }).where('id', '=', r.id).where('first_response_at', 'is', null).execute();
  }
}

/** When the item entered its closed category, from its activity (else its last update). */
async function closedAt(deps: Deps, itemId: string, fallback: string): Promise<string> {
  const events = await deps.store.db
    .selectFrom('events')
    .select(['data', 'created_at'])
    .where('item_id', '=', itemId)
    .where('type', 'in', ['item.moved', 'item.updated'])
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  for (const e of events) {
    const to = parseJson<{ changes?: { statusCategory?: { to?: string } } }>(e.data, {}).changes?.statusCategory?.to;
    if (to && CLOSED.includes(to as never)) return e.created_at;
  }
  return fallback;
}

/**
 * Resolution: the request's item is in a done or canceled status (detected here by query; the core
 * item commands are not touched). An accepted request whose item is reopened has its clock resume.
 */
async function detectResolutions(deps: Deps): Promise<void> {
  const db = deps.store.db;
  const closed = await db
    .selectFrom('intake_requests as r')
    .innerJoin('items as i', 'i.id', 'r.item_id')
    .select(['r.id', 'r.item_id', 'i.completed_at', 'i.updated_at'])
    .where('r.resolved_at', 'is', null)
    .where('i.status_category', 'in', CLOSED)
    .limit(BATCH)
    .execute();
  for (const r of closed) {
    const at = r.completed_at ?? (await closedAt(deps, r.item_id, r.updated_at));
    await db.updateTable('intake_requests').set({ resolved_at: at }).where('id', '=', r.id).where('resolved_at', 'is', null).execute();
  }
  await db
    .updateTable('intake_requests')
    .set({ resolved_at: null })
    .where('state', '=', 'accepted')
    .where('resolved_at', 'is not', null)
    .where('item_id', 'in', (eb) => eb.selectFrom('items').select('items.id').where('items.status_category', 'not in', CLOSED))
    .execute();
}

const cols = (t: Target) =>
  ({
    due: `${t}_due_at`,
    risk: `${t}_risk_at`,
    met: t === 'first_response' ? 'first_response_at' : 'resolved_at',
    riskEvent: `${t}_risk_event_at`,
    breachEvent: `${t}_breach_event_at`,
  }) as const;

/**
 * Emits `request.sla_breached` / `request.sla_at_risk` once per request and target: each event
 * commits with a guarded update of its marker column (`… where marker is null`), one request per
 * transaction, so two processes running this pass at once emit it once (the loser updates no row).
 * A target that is found already breached gets no at-risk event after the fact.
 */
async function emitTransitions(deps: Deps, t: Target, kind: 'breached' | 'at_risk', now: string): Promise<void> {
  const c = cols(t);
  const ref = (name: string) => sql.ref(`r.${name}`);
  const cond =
    kind === 'breached'
      ? sql<boolean>`${ref(c.due)} is not null and ${ref(c.breachEvent)} is null and ((${ref(c.met)} is null and ${ref(c.due)} < ${now}) or (${ref(c.met)} is not null and ${ref(c.met)} > ${ref(c.due)}))`
      : sql<boolean>`${ref(c.risk)} is not null and ${ref(c.riskEvent)} is null and ${ref(c.breachEvent)} is null and ${ref(c.met)} is null and ${ref(c.risk)} <= ${now} and ${ref(c.due)} >= ${now}`;
  // Requests whose item is in the trash are left alone: nobody works on them.
  const due = await deps.store.db
    .selectFrom('intake_requests as r')
    .innerJoin('items as i', 'i.id', 'r.item_id')
    .select(['r.id'])
    .where('i.deleted_at', 'is', null)
    .where(() => cond)
    .limit(BATCH)
    .execute();
  for (const { id } of due) {
    await withTx(deps, null, async (tx) => {
      const set = kind === 'breached' ? { [c.breachEvent]: tx.now, [c.riskEvent]: sql`coalesce(${sql.ref(c.riskEvent)}, ${tx.now})` } : { [c.riskEvent]: tx.now };
      // The whole condition again (marker included) under the row lock: a response recorded
      // meanwhile, or another process that got there first, leaves no row and no event.
      const row = await tx.db
        .updateTable('intake_requests as r')
        .set(set as never)
        .where('r.id', '=', id)
        .where(() => cond)
        .returning(['id', 'workspace_id', 'space_id', 'item_id', 'reference', c.due as 'first_response_due_at', c.met as 'first_response_at'])
        .executeTakeFirst();
      if (!row) return;
      const r = row as unknown as Record<string, string | null>;
      await appendEvent(tx, {
        type: kind === 'breached' ? 'request.sla_breached' : 'request.sla_at_risk',
        workspaceId: String(r.workspace_id),
        spaceId: r.space_id,
        itemId: r.item_id,
        data: { requestId: r.id, reference: r.reference, target: t, dueAt: r[c.due], metAt: r[c.met] },
      });
    });
  }
}

/** One pass of the SLA job: update what happened (responses, resolutions), then announce transitions. */
export async function runSlaPass(deps: Deps, now: Date): Promise<void> {
  await detectFirstResponses(deps);
  await detectResolutions(deps);
  await recomputeSlaDueTimes(deps);
  const iso = now.toISOString();
  for (const t of ['first_response', 'resolution'] as const) {
    await emitTransitions(deps, t, 'breached', iso);
    await emitTransitions(deps, t, 'at_risk', iso);
  }
}

/** Scheduled work of issue 4: intake forms, requests, SLA policies and working calendars. */
export const intakeJobs: Job[] = [
  {
    // Detects first responses and resolutions, then emits request.sla_at_risk / request.sla_breached once each.
    name: 'intake.sla',
    everyMs: 60_000,
    run: runSlaPass,
  },
];
