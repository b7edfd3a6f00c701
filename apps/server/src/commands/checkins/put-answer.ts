import { isUniqueViolation, newId } from '@weft/db';
import { PutAnswerInput, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { checkinPolicy } from '../../policies/checkins.policy';
import { authorize } from '../../policies/policy';
import { loadCheckinAccess, loadOccurrence } from '../../queries/checkins/checkin-access';
import { withTx } from '../../tx';
import { requireVersion, versionConflict } from '../versioned';
import { notAsked } from './checkin-refs';

/**
 * Writes the caller's answer to an occurrence: the first PUT creates it (no version needed), later
 * ones edit it from the version the caller saw. Answering after skipping takes the skip back.
 * Only the person asked writes their answer, so an answer is always edited by its author.
 */
export async function putAnswer(ctx: Ctx, checkinId: string, occurrenceId: string, raw: z.input<typeof PutAnswerInput>) {
  const input = PutAnswerInput.parse(raw);
  try {
    return await withTx(ctx.deps, ctx.actor.userId, async (tx) => {
      const { checkin, m, subject } = await loadCheckinAccess(tx.db, ctx.actor, checkinId);
      const occ = await loadOccurrence(tx.db, checkin.id, occurrenceId);
      const prompt = await tx.db.selectFrom('checkin_prompts').selectAll().where('occurrence_id', '=', occ.id).where('user_id', '=', m.userId).executeTakeFirst();
      authorize(checkinPolicy, 'checkin.answer', m, { ...subject, isParticipant: !!prompt }, { canRead: true, notFound: 'CHECKIN_NOT_FOUND' });
      if (!prompt) throw notAsked();
      const existing = await tx.db.selectFrom('checkin_answers').selectAll().where('occurrence_id', '=', occ.id).where('user_id', '=', m.userId).executeTakeFirst();
      const base = { workspaceId: checkin.workspace_id, spaceId: checkin.space_id };
      if (prompt.skipped_at) await tx.db.updateTable('checkin_prompts').set({ skipped_at: null }).where('occurrence_id', '=', occ.id).where('user_id', '=', m.userId).execute();
      if (!existing) {
        const row = { id: newId(), occurrence_id: occ.id, checkin_id: checkin.id, workspace_id: checkin.workspace_id, user_id: m.userId, body: input.body, created_at: tx.now, updated_at: tx.now, edited_at: null, version: 1 };
        await tx.db.insertInto('checkin_answers').values(row).execute();
        await appendEvent(tx, { ...base, type: 'checkin.answered', data: { checkinId: checkin.id, occurrenceId: occ.id, answerId: row.id, userId: m.userId } });
        return { answer: row, m, created: true };
      }
      const version = requireVersion(input.version);
      if (Number(existing.version) !== version) versionConflict({ id: existing.id, body: existing.body, version: Number(existing.version) });
      if (existing.body === input.body) return { answer: existing, m, created: false };
      const row = await tx.db
        .updateTable('checkin_answers')
        .set({ body: input.body, updated_at: tx.now, edited_at: tx.now, version: version + 1 })
        .where('id', '=', existing.id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
      if (!row) versionConflict({ id: existing.id, body: existing.body, version: Number(existing.version) });
      await appendEvent(tx, { ...base, type: 'checkin.answer_updated', data: { checkinId: checkin.id, occurrenceId: occ.id, answerId: row.id, userId: m.userId } });
      return { answer: row, m, created: false };
    });
  } catch (e) {
    // Two first answers racing (two tabs): the unique key keeps one; the other is told to reload.
    if (isUniqueViolation(e)) throw new WeftError('VERSION_CONFLICT', 'your answer was just written elsewhere; reload it and edit that one');
    throw e;
  }
}
