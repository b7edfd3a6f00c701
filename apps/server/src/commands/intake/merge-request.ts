import { MergeRequestInput, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { loadRequest } from '../../queries/intake/load';
import { withTx } from '../../tx';
import { invalid } from '../spaces/space-checks';
import { decide, firstStatusIn, moveRequestItem, triageable } from './triage-common';

/** Merges a duplicate into another request (by id or reference): the duplicate closes and points at it. */
export async function mergeRequest(ctx: Ctx, idOrRef: string, raw: z.input<typeof MergeRequestInput>) {
  const input = MergeRequestInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { request, m, subject } = await triageable(tx, ctx, idOrRef);
    const into = await loadRequest(tx.db, ctx.actor, input.into).catch((e) => {
      if ((e as WeftError).code === 'REQUEST_NOT_FOUND') invalid([{ path: 'body.into', message: 'no such request you can see' }]);
      throw e;
    });
    const target = into.request;
    if (target.id === request.id) invalid([{ path: 'body.into', message: 'a request cannot be merged into itself' }]);
    if (target.workspace_id !== request.workspace_id) invalid([{ path: 'body.into', message: 'must be a request of the same workspace' }]);
    if (target.state === 'merged' || target.state === 'declined') invalid([{ path: 'body.into', message: `that request was ${target.state}: merge into an open one` }]);
    const closed = (await firstStatusIn(tx, request.space_id, 'canceled')) ?? (await firstStatusIn(tx, request.space_id, 'done'));
    if (closed) await moveRequestItem(tx, ctx, request.item_id, closed);
    const updated = await decide(
      tx,
      ctx,
      request,
      { state: 'merged', merged_into_id: target.id, resolved_at: request.resolved_at ?? tx.now },
      { type: 'request.merged', data: { intoRequestId: target.id, intoReference: target.reference } },
    );
    if (!updated) throw new WeftError('REQUEST_ALREADY_TRIAGED', 'already triaged');
    return { id: updated.id, m, subject };
  });
}
