import { PRIORITIES } from '@weft/domain';
import type { Deps } from '../../context';
import { appendEvent } from '../../events/append';
import { withTx } from '../../tx';
import { slaClocksFor } from './sla-clock';

/** Candidates per pass; the next pass takes the rest. */
const BATCH = 200;

/**
 * Recomputes the SLA due times of requests whose item changed (a priority change) or whose space's
 * SLA policy changed after the request was last written, from the submission instant with the new
 * target. Only targets not yet met move. Found by query, so the core item commands know nothing of
 * SLAs. Each request is written in its own transaction with a guarded update on its `updated_at`
 * (the "checked up to" mark): two processes running the pass at once write it and emit
 * `request.sla_recomputed` once. A change that leaves the due times as they were (a title edit)
 * only moves the mark, with no event. Risk and breach events already emitted stay emitted.
 */
export async function recomputeSlaDueTimes(deps: Deps): Promise<number> {
  const rows = await deps.store.db
    .selectFrom('intake_requests as r')
    .innerJoin('items as i', 'i.id', 'r.item_id')
    .leftJoin('sla_policies as p', 'p.space_id', 'r.space_id')
    .select(['r.id', 'r.space_id', 'r.created_at', 'r.updated_at', 'r.sla_policy_id', 'i.priority', 'i.updated_at as item_updated_at', 'p.updated_at as policy_updated_at'])
    .select(['r.first_response_at', 'r.resolved_at', 'r.first_response_due_at', 'r.first_response_risk_at', 'r.resolution_due_at', 'r.resolution_risk_at'])
    .where('i.deleted_at', 'is', null)
    .where((eb) => eb.or([eb('r.first_response_at', 'is', null), eb('r.resolved_at', 'is', null)]))
    .where((eb) =>
      eb.or([
        eb('i.updated_at', '>', eb.ref('r.updated_at')),
        eb('p.updated_at', '>', eb.ref('r.updated_at')),
        // the policy was deleted since the due times were computed
        eb.and([eb('r.sla_policy_id', 'is not', null), eb('p.id', 'is', null)]),
      ]),
    )
    .orderBy('r.id')
    .limit(BATCH)
    .execute();
  let changed = 0;
  for (const r of rows) {
    const priority = PRIORITIES[Number(r.priority)] ?? 'none';
    const clocks = await slaClocksFor(deps.store.db, r.space_id, priority, new Date(r.created_at));
    const next = {
      first_response_due_at: r.first_response_at ? r.first_response_due_at : (clocks?.firstResponse?.dueAt ?? null),
      first_response_risk_at: r.first_response_at ? r.first_response_risk_at : (clocks?.firstResponse?.riskAt ?? null),
      resolution_due_at: r.resolved_at ? r.resolution_due_at : (clocks?.resolution?.dueAt ?? null),
      resolution_risk_at: r.resolved_at ? r.resolution_risk_at : (clocks?.resolution?.riskAt ?? null),
    };
    const same = (Object.keys(next) as Array<keyof typeof next>).every((k) => next[k] === r[k]);
    await withTx(deps, null, async (tx) => {
      const policyId = clocks?.policyId ?? (same ? r.sla_policy_id : null);
      // The mark moves to the latest of now and what changed, so a request is a candidate again only after a new change.
      const updated = await tx.db
        .updateTable('intake_requests')
        .set({ ...(same ? {} : next), sla_policy_id: policyId, updated_at: [tx.now, r.updated_at, r.item_updated_at, r.policy_updated_at ?? ''].sort().at(-1) as string })
        .where('id', '=', r.id)
        .where('updated_at', '=', r.updated_at)
        .returning(['id', 'workspace_id', 'space_id', 'item_id', 'reference'])
        .executeTakeFirst();
      if (!updated || same) return;
      changed += 1;
      await appendEvent(tx, {
        type: 'request.sla_recomputed',
        workspaceId: updated.workspace_id,
        spaceId: updated.space_id,
        itemId: updated.item_id,
        data: {
          requestId: updated.id,
          reference: updated.reference,
          reason: r.policy_updated_at && r.policy_updated_at > r.updated_at ? 'policy' : r.sla_policy_id && !clocks ? 'policy' : 'priority',
          priority,
          firstResponseDueAt: next.first_response_due_at,
          resolutionDueAt: next.resolution_due_at,
        },
      });
    });
  }
  return changed;
}
