import { type CheckinsTable, newId } from '@weft/db';
import { CreateCheckinInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { checkinPolicy } from '../../policies/checkins.policy';
import { authorize } from '../../policies/policy';
import { membershipOf } from '../../queries/access';
import { checkinSubject, participantsOf } from '../../queries/checkins/checkin-access';
import { withTx } from '../../tx';
import { checkCheckinRefs, writeParticipants } from './checkin-refs';

/**
 * Creates a check-in. Its first occurrence opens at the first recurrence instant after now, in
 * each participant's own time zone (the scheduler job does the opening).
 */
export async function createCheckin(ctx: Ctx, workspaceId: string, raw: z.input<typeof CreateCheckinInput>) {
  const input = CreateCheckinInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const m = await membershipOf(tx.db, ctx.actor, workspaceId);
    authorize(checkinPolicy, 'checkin.create', m, { createdBy: m.userId, visibility: input.visibility, isParticipant: false }, { canRead: true, notFound: 'WORKSPACE_NOT_FOUND' });
    await checkCheckinRefs(tx, m, input);
    const row: CheckinsTable = {
      id: newId(),
      workspace_id: workspaceId,
      team_id: input.teamId ?? null,
      space_id: input.spaceId ?? null,
      name: input.name,
      question: input.question,
      recurrence: JSON.stringify(input.recurrence),
      visibility: input.visibility,
      aging_days: input.agingDays,
      schedule_from: tx.now,
      paused_at: null,
      created_by: m.userId,
      created_at: tx.now,
      updated_at: tx.now,
      version: 1,
    };
    await tx.db.insertInto('checkins').values(row).execute();
    await writeParticipants(tx, row.id, input.participantIds);
    const participants = await participantsOf(tx.db, row);
    // Workspace-level events are seen by every member: no question or name of a private check-in in them.
    await appendEvent(tx, { type: 'checkin.created', workspaceId, spaceId: row.space_id, data: { checkinId: row.id, visibility: row.visibility, participantIds: participants } });
    return { row, m, participants, subject: checkinSubject(m, row, participants) };
  });
}
