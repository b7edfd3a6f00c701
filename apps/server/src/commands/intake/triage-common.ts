import type { IntakeRequestsTable } from '@weft/db';
import { WeftError } from '@weft/domain';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { requestPolicy } from '../../policies/intake.policy';
import { authorize } from '../../policies/policy';
import { loadRequest } from '../../queries/intake/load';
import type { Tx } from '../../tx';
import { moveItemTx } from '../items/move-item';

/** Loads a request the actor may triage and that still waits for triage (409 once it was handled). */
export async function triageable(tx: Tx, ctx: Ctx, idOrRef: string) {
  const access = await loadRequest(tx.db, ctx.actor, idOrRef);
  authorize(requestPolicy, 'request.triage', access.m, access.subject, { canRead: true, notFound: 'REQUEST_NOT_FOUND' });
  if (access.request.state !== 'triage') throw new WeftError('REQUEST_ALREADY_TRIAGED', `this request was already ${access.request.state}`, { extra: { state: access.request.state } });
  return access;
}

/** Moves the request's item to a status through the core move command (events, positions, completion). */
export async function moveRequestItem(tx: Tx, ctx: Ctx, itemId: string, statusId: string): Promise<void> {
  const item = await tx.db.selectFrom('items').select(['version', 'status_id']).where('id', '=', itemId).executeTakeFirstOrThrow();
  if (item.status_id === statusId) return;
  await moveItemTx(tx, ctx, itemId, { version: Number(item.version), statusId });
}

/** The first status of a category in a space (by position), or null. */
export async function firstStatusIn(tx: Tx, spaceId: string, category: string): Promise<string | null> {
  const s = await tx.db.selectFrom('statuses').select('id').where('space_id', '=', spaceId).where('category', '=', category).orderBy('position').orderBy('id').executeTakeFirst();
  return s?.id ?? null;
}

/**
 * Records the triage decision with a guarded update (`where state = 'triage'`), so two people
 * triaging at once cannot both win; a decision is also the first response.
 */
export async function decide(tx: Tx, ctx: Ctx, r: IntakeRequestsTable, set: Partial<IntakeRequestsTable>, event: { type: string; data: Record<string, unknown> }) {
  const updated = await tx.db
    .updateTable('intake_requests')
    .set({ ...set, triaged_by: ctx.actor.userId, triaged_at: tx.now, first_response_at: r.first_response_at ?? tx.now, updated_at: tx.now, version: Number(r.version) + 1 })
    .where('id', '=', r.id)
    .where('state', '=', 'triage')
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw new WeftError('REQUEST_ALREADY_TRIAGED', 'this request was triaged by someone else just now');
  await appendEvent(tx, { type: event.type, workspaceId: r.workspace_id, spaceId: r.space_id, itemId: r.item_id, data: { requestId: r.id, reference: r.reference, ...event.data } });
  return updated;
}
