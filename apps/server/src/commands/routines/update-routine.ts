import type { RoutinesTable } from '@weft/db';
import { parseRRule, UpdateRoutineInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { authorize } from '../../policies/policy';
import { routinePolicy } from '../../policies/routines.policy';
import { presentRoutine } from '../../presenters/routines';
import { withTx } from '../../tx';
import { requireVersion, versionConflict } from '../versioned';
import { checkRoutineRefs, loadRoutineAccess, planFrom } from './routine-access';

/**
 * Edits the series. Occurrences not yet created follow the new rule and template; items already
 * created stay as they are (they are ordinary items now). A changed rule restarts from now: past
 * dates of the new rule are not created retroactively.
 */
export async function updateRoutine(ctx: Ctx, routineId: string, raw: z.input<typeof UpdateRoutineInput>) {
  const input = UpdateRoutineInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { routine, space, m, subject } = await loadRoutineAccess(tx.db, ctx.actor, routineId);
    authorize(routinePolicy, 'routine.manage', m, subject, { canRead: true, notFound: 'ROUTINE_NOT_FOUND' });
    const version = requireVersion(input.version);
    if (Number(routine.version) !== version) versionConflict(presentRoutine(routine, m, subject));
    const template = input.template ?? JSON.parse(routine.template);
    const rotation = input.rotation ?? JSON.parse(routine.rotation);
    if (input.template || input.rotation) await checkRoutineRefs(tx.db, space, m, template, rotation);
    const set: Partial<RoutinesTable> = { updated_at: tx.now, version: version + 1, run_as: m.userId, last_error: null };
    if (input.name !== undefined) set.name = input.name;
    if (input.skipWhileOpen !== undefined) set.skip_while_open = input.skipWhileOpen ? 1 : 0;
    if (input.template) set.template = JSON.stringify(input.template);
    if (input.rotation) set.rotation = JSON.stringify([...new Set(input.rotation)]);
    const timing = input.recurrence !== undefined || input.anchor !== undefined || input.leadDays !== undefined;
    if (input.recurrence) {
      set.rrule = parseRRule(input.recurrence.rrule).normalized;
      set.time_zone = input.recurrence.timeZone;
      set.start_local = input.recurrence.start;
      set.exdates = JSON.stringify([...new Set(input.recurrence.exdates ?? [])].sort());
    }
    if (input.anchor) set.anchor = input.anchor;
    if (input.leadDays !== undefined) set.lead_days = input.leadDays;
    if (timing) {
      const merged = { ...routine, ...set };
      const created = await tx.db.selectFrom('routine_occurrences').select('id').where('routine_id', '=', routine.id).where('state', '=', 'created').limit(1).executeTakeFirst();
      Object.assign(set, planFrom(merged, new Date(tx.now), !!created));
    }
    const updated = await tx.db.updateTable('routines').set(set).where('id', '=', routine.id).where('version', '=', version).returningAll().executeTakeFirst();
    if (!updated) versionConflict(presentRoutine(routine, m, subject));
    await appendEvent(tx, { type: 'routine.updated', workspaceId: routine.workspace_id, spaceId: routine.space_id, data: { routineId: routine.id, changed: Object.keys(input).filter((k) => k !== 'version') } });
    return { routine: updated, m, subject };
  });
}
