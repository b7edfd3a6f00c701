import { AcceptRequestInput, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { withTx } from '../../tx';
import { invalid } from '../spaces/space-checks';
import { decide, firstStatusIn, moveRequestItem, triageable } from './triage-common';

/** Accepts a request into the workflow: its item moves to the status named, else the first todo status. */
export async function acceptRequest(ctx: Ctx, idOrRef: string, raw: z.input<typeof AcceptRequestInput>) {
  const input = AcceptRequestInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { request, m, subject } = await triageable(tx, ctx, idOrRef);
    let statusId = input.statusId ?? (await firstStatusIn(tx, request.space_id, 'todo'));
    if (input.statusId) {
      const s = await tx.db.selectFrom('statuses').select('id').where('id', '=', input.statusId).where('space_id', '=', request.space_id).executeTakeFirst();
      if (!s) invalid([{ path: 'body.statusId', message: 'not a status of this space' }]);
    }
    statusId ??= await firstStatusIn(tx, request.space_id, 'in_progress');
    if (!statusId) throw new WeftError('UNPROCESSABLE', 'this space has no todo status to accept into: name one in statusId');
    await moveRequestItem(tx, ctx, request.item_id, statusId);
    const updated = await decide(tx, ctx, request, { state: 'accepted' }, { type: 'request.accepted', data: { statusId } });
    return { id: updated.id, m, subject };
  });
}
