import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { authorize } from '../../policies/policy';
import { routinePolicy } from '../../policies/routines.policy';
import { presentRoutine } from '../../presenters/routines';
import { withTx } from '../../tx';
import { versionConflict } from '../versioned';
import { loadRoutineAccess } from './routine-access';

/** Deletes a routine and its occurrence records; the items it created stay, as ordinary items. */
export async function deleteRoutine(ctx: Ctx, routineId: string, version?: number) {
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { routine, m, subject } = await loadRoutineAccess(tx.db, ctx.actor, routineId);
    authorize(routinePolicy, 'routine.manage', m, subject, { canRead: true, notFound: 'ROUTINE_NOT_FOUND' });
    if (version !== undefined && Number(routine.version) !== version) versionConflict(presentRoutine(routine, m, subject));
    await tx.db.deleteFrom('routine_occurrences').where('routine_id', '=', routine.id).execute();
    await tx.db.deleteFrom('routines').where('id', '=', routine.id).execute();
    await appendEvent(tx, { type: 'routine.deleted', workspaceId: routine.workspace_id, spaceId: routine.space_id, data: { routineId: routine.id, name: routine.name } });
  });
}
