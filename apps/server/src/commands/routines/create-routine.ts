import { newId, type RoutinesTable, type SpacesTable } from '@weft/db';
import { CreateRoutineInput, parseRRule, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx, Membership } from '../../context';
import { appendEvent } from '../../events/append';
import { authorize } from '../../policies/policy';
import { routinePolicy } from '../../policies/routines.policy';
import { spaceAccess } from '../../queries/access';
import { type Tx, withTx } from '../../tx';
import { checkRoutineRefs, planFrom } from './routine-access';

/** Creates a routine in a space; its first occurrence is the first one after now (none are created retroactively). */
export async function createRoutine(ctx: Ctx, spaceId: string, raw: z.input<typeof CreateRoutineInput>) {
  const input = CreateRoutineInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { space, m, subject } = await spaceAccess(tx.db, ctx.actor, spaceId);
    authorize(routinePolicy, 'routine.manage', m, subject, { canRead: true, notFound: 'SPACE_NOT_FOUND' });
    if (space.archived_at) throw new WeftError('UNPROCESSABLE', 'this space is archived; unarchive it to add routines');
    await checkRoutineRefs(tx.db, space, m, input.template, input.rotation);
    return { routine: await createRoutineTx(tx, space, m, input), m, subject };
  });
}

/**
 * The write of a routine inside a caller's transaction (the caller has authorized and checked the
 * references): used by createRoutine and by space templates (commands/routines/template-extension.ts).
 */
export async function createRoutineTx(tx: Tx, space: SpacesTable, m: Membership, input: z.output<typeof CreateRoutineInput>): Promise<RoutinesTable> {
  const base = {
    rrule: parseRRule(input.recurrence.rrule).normalized,
    time_zone: input.recurrence.timeZone,
    start_local: input.recurrence.start,
    exdates: JSON.stringify([...new Set(input.recurrence.exdates ?? [])].sort()),
    anchor: input.anchor,
    lead_days: input.leadDays,
    last_occurrence_at: null,
    next_at: null,
  };
  const plan = planFrom(base, new Date(tx.now), false);
  const row: RoutinesTable = {
    id: newId(),
    workspace_id: space.workspace_id,
    space_id: space.id,
    name: input.name,
    ...base,
    ...plan,
    skip_while_open: input.skipWhileOpen ? 1 : 0,
    template: JSON.stringify(input.template),
    rotation: JSON.stringify([...new Set(input.rotation)]),
    run_as: m.userId,
    paused_at: input.paused ? tx.now : null,
    last_error: null,
    created_by: m.userId,
    created_at: tx.now,
    updated_at: tx.now,
    version: 1,
  };
  await tx.db.insertInto('routines').values(row).execute();
  await appendEvent(tx, { type: 'routine.created', workspaceId: row.workspace_id, spaceId: row.space_id, data: { routineId: row.id, name: row.name, rrule: row.rrule, timeZone: row.time_zone, anchor: row.anchor } });
  return row;
}
