import { UpdateCheckinInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { checkinPolicy } from '../../policies/checkins.policy';
import { authorize } from '../../policies/policy';
import { presentCheckin } from '../../presenters/checkins';
import { checkinSubject, loadCheckinAccess, participantsOf } from '../../queries/checkins/checkin-access';
import { withTx } from '../../tx';
import { requireVersion, versionConflict } from '../versioned';
import { checkCheckinRefs, writeParticipants } from './checkin-refs';

/**
 * Changes a check-in from the version the caller saw. A new recurrence applies from now on:
 * occurrences already opened stay, and none opens for an instant before the change.
 */
export async function updateCheckin(ctx: Ctx, id: string, raw: z.input<typeof UpdateCheckinInput>) {
  const input = UpdateCheckinInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { checkin, m, subject, participants } = await loadCheckinAccess(tx.db, ctx.actor, id);
    authorize(checkinPolicy, 'checkin.update', m, subject, { canRead: true, notFound: 'CHECKIN_NOT_FOUND' });
    const version = requireVersion(input.version);
    if (Number(checkin.version) !== version) versionConflict(presentCheckin(checkin, participants, m, subject));
    await checkCheckinRefs(tx, m, input);
    const set: Record<string, unknown> = {};
    if (input.name !== undefined && input.name !== checkin.name) set.name = input.name;
    if (input.question !== undefined && input.question !== checkin.question) set.question = input.question;
    if (input.recurrence !== undefined && JSON.stringify(input.recurrence) !== checkin.recurrence) {
      set.recurrence = JSON.stringify(input.recurrence);
      set.schedule_from = tx.now;
    }
    if (input.teamId !== undefined && input.teamId !== checkin.team_id) set.team_id = input.teamId;
    if (input.spaceId !== undefined && input.spaceId !== checkin.space_id) set.space_id = input.spaceId;
    if (input.visibility !== undefined && input.visibility !== checkin.visibility) set.visibility = input.visibility;
    if (input.agingDays !== undefined && input.agingDays !== Number(checkin.aging_days)) set.aging_days = input.agingDays;
    if (input.paused !== undefined && input.paused !== (checkin.paused_at !== null)) {
      set.paused_at = input.paused ? tx.now : null;
      // Resuming does not open what fell due while paused.
      if (!input.paused) set.schedule_from = tx.now;
    }
    const listed = (await tx.db.selectFrom('checkin_participants').select('user_id').where('checkin_id', '=', checkin.id).orderBy('user_id').execute()).map((r) => r.user_id);
    const nextListed = input.participantIds ? [...new Set(input.participantIds)].sort() : listed;
    const participantsChanged = nextListed.join(',') !== listed.join(',');
    const changed = [...Object.keys(set).filter((k) => k !== 'schedule_from'), ...(participantsChanged ? ['participantIds'] : [])];
    if (changed.length === 0) return { row: checkin, m, participants, subject };
    const row = await tx.db
      .updateTable('checkins')
      .set({ ...set, updated_at: tx.now, version: version + 1 })
      .where('id', '=', checkin.id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!row) versionConflict(presentCheckin(checkin, participants, m, subject));
    if (participantsChanged) await writeParticipants(tx, checkin.id, nextListed);
    const now = await participantsOf(tx.db, row);
    await appendEvent(tx, { type: 'checkin.updated', workspaceId: row.workspace_id, spaceId: row.space_id, data: { checkinId: row.id, changed } });
    return { row, m, participants: now, subject: checkinSubject(m, row, now) };
  });
}
