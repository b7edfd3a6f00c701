import type { RoutinesTable, SpacesTable } from '@weft/db';
import { type FieldError, isWeftError, leadTimeBefore, localToInstant, nextOccurrences, type Recurrence, type RoutineTemplate, WeftError } from '@weft/domain';
import type { Actor, Db, Membership } from '../../context';
import type { SpaceSubject } from '../../policies/space.policy';
import { recurrenceOf } from '../../presenters/routines';
import { spaceAccess } from '../../queries/access';
import { checkItemRefs } from '../items/item-refs';

export type RoutineAccess = { routine: RoutinesTable; space: SpacesTable; m: Membership; subject: SpaceSubject };

/** Loads a routine with the actor's view of its space; a routine the actor may not see is "not found". */
export async function loadRoutineAccess(db: Db, actor: Actor, routineId: string): Promise<RoutineAccess> {
  const routine = await db.selectFrom('routines').selectAll().where('id', '=', routineId).executeTakeFirst();
  if (!routine) throw new WeftError('ROUTINE_NOT_FOUND', 'routine not found');
  const access = await spaceAccess(db, actor, routine.space_id).catch((e) => {
    if (isWeftError(e) && e.code === 'SPACE_NOT_FOUND') throw new WeftError('ROUTINE_NOT_FOUND', 'routine not found');
    throw e;
  });
  return { routine, space: access.space, m: access.m, subject: access.subject };
}

/**
 * Checks the template's and rotation's references against the space (type, labels, fields, people
 * who can see the space), reporting each problem at its body path, all in one 400.
 */
export async function checkRoutineRefs(db: Db, space: SpacesTable, m: Membership, template: RoutineTemplate, rotation: string[]): Promise<void> {
  const errors: FieldError[] = [];
  const collect = async (input: Parameters<typeof checkItemRefs>[3], prefix: string) => {
    try {
      await checkItemRefs(db, space, m, input);
    } catch (e) {
      if (!isWeftError(e) || !e.fields) throw e;
      const rename = (p: string) => (prefix === 'body.rotation' ? prefix : p.replace(/^body\./, `${prefix}.`));
      errors.push(...e.fields.map((f) => ({ path: rename(f.path), message: f.message })));
    }
  };
  await collect({ type: template.type, assigneeIds: template.assigneeIds, labelIds: template.labelIds, fields: template.fields }, 'body.template');
  if (rotation.length) await collect({ assigneeIds: rotation }, 'body.rotation');
  if (errors.length) throw new WeftError('VALIDATION_FAILED', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { fields: errors });
}

/** The next occurrence of a schedule-anchored routine after `after`, and when it is to be created. */
export function nextScheduled(rec: Recurrence, leadDays: number, after: Date): { next_at: string | null; next_create_at: string | null } {
  const [next] = nextOccurrences(rec, after, 1);
  if (!next) return { next_at: null, next_create_at: null };
  return { next_at: next.toISOString(), next_create_at: leadTimeBefore(next, rec.timeZone, leadDays).toISOString() };
}

/**
 * Where the scheduler's cursor and next occurrence stand after a create, an edit of the series or a
 * resume: nothing before `now` is created retroactively (catch-up is only for server downtime).
 */
export function planFrom(r: Pick<RoutinesTable, 'rrule' | 'time_zone' | 'start_local' | 'exdates' | 'anchor' | 'lead_days' | 'last_occurrence_at' | 'next_at'>, now: Date, hasOccurrences: boolean) {
  const rec = recurrenceOf(r);
  const cursor = new Date(Math.max(r.last_occurrence_at ? Date.parse(r.last_occurrence_at) : 0, now.getTime()));
  if (r.anchor === 'completion') {
    // Waiting for a completion: the scheduler computes the next one when the current item closes.
    if (hasOccurrences) return { last_occurrence_at: r.last_occurrence_at, next_at: null, next_create_at: null };
    const first = new Date(Math.max(localToInstant(rec.start, rec.timeZone).getTime(), now.getTime()));
    return { last_occurrence_at: null, next_at: first.toISOString(), next_create_at: leadTimeBefore(first, rec.timeZone, Number(r.lead_days)).toISOString() };
  }
  return { last_occurrence_at: cursor.toISOString(), ...nextScheduled(rec, Number(r.lead_days), cursor) };
}
