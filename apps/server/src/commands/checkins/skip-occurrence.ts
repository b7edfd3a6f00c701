import { WeftError } from '@weft/domain';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { checkinPolicy } from '../../policies/checkins.policy';
import { authorize } from '../../policies/policy';
import { loadCheckinAccess, loadOccurrence } from '../../queries/checkins/checkin-access';
import { withTx } from '../../tx';
import { notAsked } from './checkin-refs';

/** The caller skips this occurrence (idempotent). An answered occurrence cannot be skipped. */
export async function skipOccurrence(ctx: Ctx, checkinId: string, occurrenceId: string) {
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { checkin, m, subject } = await loadCheckinAccess(tx.db, ctx.actor, checkinId);
    const occ = await loadOccurrence(tx.db, checkin.id, occurrenceId);
    const prompt = await tx.db.selectFrom('checkin_prompts').selectAll().where('occurrence_id', '=', occ.id).where('user_id', '=', m.userId).executeTakeFirst();
    authorize(checkinPolicy, 'checkin.answer', m, { ...subject, isParticipant: !!prompt }, { canRead: true, notFound: 'CHECKIN_NOT_FOUND' });
    if (!prompt) throw notAsked();
    const answered = await tx.db.selectFrom('checkin_answers').select('id').where('occurrence_id', '=', occ.id).where('user_id', '=', m.userId).executeTakeFirst();
    if (answered) throw new WeftError('ALREADY_ANSWERED', 'you answered this occurrence; edit your answer instead of skipping');
    if (prompt.skipped_at) return { m, occ, skippedAt: prompt.skipped_at };
    await tx.db.updateTable('checkin_prompts').set({ skipped_at: tx.now }).where('occurrence_id', '=', occ.id).where('user_id', '=', m.userId).execute();
    await appendEvent(tx, { type: 'checkin.skipped', workspaceId: checkin.workspace_id, spaceId: checkin.space_id, data: { checkinId: checkin.id, occurrenceId: occ.id, userId: m.userId } });
    return { m, occ, skippedAt: tx.now };
  });
}
