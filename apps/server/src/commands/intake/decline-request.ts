import { DeclineRequestInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { withTx } from '../../tx';
import { decide, firstStatusIn, moveRequestItem, triageable } from './triage-common';

/** Declines a request with a reason the requester sees; its item closes (first canceled status). */
export async function declineRequest(ctx: Ctx, idOrRef: string, raw: z.input<typeof DeclineRequestInput>) {
  const input = DeclineRequestInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { request, m, subject } = await triageable(tx, ctx, idOrRef);
    const closed = (await firstStatusIn(tx, request.space_id, 'canceled')) ?? (await firstStatusIn(tx, request.space_id, 'done'));
    if (closed) await moveRequestItem(tx, ctx, request.item_id, closed);
    const updated = await decide(tx, ctx, request, { state: 'declined', decline_reason: input.reason, resolved_at: request.resolved_at ?? tx.now }, { type: 'request.declined', data: { reason: input.reason } });
    return { id: updated.id, m, subject };
  });
}
