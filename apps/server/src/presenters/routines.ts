import type { RoutineOccurrencesTable, RoutinesTable } from '@weft/db';
import type { Routine, RoutineTemplate } from '@weft/domain';
import type { Membership } from '../context';
import { abilitiesOf } from '../policies/policy';
import { routinePolicy } from '../policies/routines.policy';
import type { SpaceSubject } from '../policies/space.policy';

/** Parses a JSON text column; pg may already have parsed it. */
export function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/** Instants are text on SQLite and may come back as Date from pg: always ISO text out. */
export function iso(v: string | Date | null): string | null {
  if (v === null) return null;
  return typeof v === 'string' ? new Date(v).toISOString() : v.toISOString();
}

export function templateOf(r: RoutinesTable): RoutineTemplate {
  return json<RoutineTemplate>(r.template);
}

export function recurrenceOf(r: Pick<RoutinesTable, 'rrule' | 'time_zone' | 'start_local' | 'exdates'>) {
  return { rrule: r.rrule, timeZone: r.time_zone, start: r.start_local, exdates: json<string[]>(r.exdates) };
}

export function presentRoutine(r: RoutinesTable, m: Membership, subject: SpaceSubject): Routine {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    spaceId: r.space_id,
    name: r.name,
    recurrence: recurrenceOf(r),
    anchor: r.anchor as Routine['anchor'],
    skipWhileOpen: Number(r.skip_while_open) === 1,
    leadDays: Number(r.lead_days),
    template: templateOf(r),
    rotation: json<string[]>(r.rotation),
    paused: r.paused_at !== null,
    pausedAt: iso(r.paused_at),
    nextAt: iso(r.next_at),
    nextCreateAt: iso(r.next_create_at),
    handledThrough: iso(r.last_occurrence_at),
    lastError: r.last_error,
    runAs: r.run_as,
    createdBy: r.created_by,
    createdAt: iso(r.created_at) as string,
    updatedAt: iso(r.updated_at) as string,
    version: Number(r.version),
    abilities: abilitiesOf(routinePolicy, m, subject),
  };
}

export function presentOccurrence(o: RoutineOccurrencesTable, itemKey: string | null) {
  return {
    id: o.id,
    routineId: o.routine_id,
    occurrenceAt: iso(o.occurrence_at) as string,
    localDate: o.local_date,
    state: o.state as 'created' | 'skipped' | 'pending',
    dueAt: iso(o.due_at) as string,
    createAt: iso(o.create_at) as string,
    itemId: o.item_id,
    itemKey,
    assigneeId: o.assignee_id,
    reason: o.reason,
    override: o.override === null ? null : json<Record<string, unknown>>(o.override),
    createdAt: iso(o.created_at) as string,
    updatedAt: iso(o.updated_at) as string,
  };
}
