import { VersionInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { authorize } from '../../policies/policy';
import { routinePolicy } from '../../policies/routines.policy';
import { presentRoutine } from '../../presenters/routines';
import { withTx } from '../../tx';
import { versionConflict } from '../versioned';
import { loadRoutineAccess, planFrom } from './routine-access';

/**
 * Pauses or resumes a routine. While paused nothing is created; on resume the routine continues
 * from now (dates that fell inside the pause are not created). Idempotent: pausing a paused routine
 * changes nothing. The version is optional here (the change does not depend on what the caller saw).
 */
export async function setRoutinePaused(ctx: Ctx, routineId: string, paused: boolean, raw: z.input<typeof VersionInput> = {}) {
  const input = VersionInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { routine, m, subject } = await loadRoutineAccess(tx.db, ctx.actor, routineId);
    authorize(routinePolicy, 'routine.manage', m, subject, { canRead: true, notFound: 'ROUTINE_NOT_FOUND' });
    if (input.version !== undefined && Number(routine.version) !== input.version) versionConflict(presentRoutine(routine, m, subject));
    if ((routine.paused_at !== null) === paused) return { routine, m, subject };
    const version = Number(routine.version);
    const created = await tx.db.selectFrom('routine_occurrences').select('id').where('routine_id', '=', routine.id).where('state', '=', 'created').limit(1).executeTakeFirst();
    const plan = paused ? {} : planFrom(routine, new Date(tx.now), !!created);
    const updated = await tx.db
      .updateTable('routines')
      .set({ paused_at: paused ? tx.now : null, ...plan, ...(paused ? {} : { run_as: m.userId, last_error: null }), updated_at: tx.now, version: version + 1 })
      .where('id', '=', routine.id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) versionConflict(presentRoutine(routine, m, subject));
    await appendEvent(tx, { type: paused ? 'routine.paused' : 'routine.resumed', workspaceId: routine.workspace_id, spaceId: routine.space_id, data: { routineId: routine.id } });
    return { routine: updated, m, subject };
  });
}
