import { CreateRoutineInput, type FieldError, type RoutineTemplate, WeftError } from '@weft/domain';
import { json, recurrenceOf } from '../../presenters/routines';
import { spaceReaders } from '../items/item-refs';
import { registerSpaceTemplateExtension } from '../templates/extensions';
import { captureFieldValues, type FieldRef, fieldResolver } from '../templates/space-refs';
import { checkRoutineRefs } from './routine-access';
import { createRoutineTx } from './create-routine';

/**
 * Routines in space templates. Capture keeps each routine's rule, anchor, lead time, template,
 * rotation and paused state (custom fields of the space by name, see templates/space-refs.ts).
 * Apply creates them in the new space through createRoutineTx, inside the apply transaction:
 * people who cannot see the new space are left out of assignees and rotation and reported in
 * `dropped.assigneeIds`; a bad entry answers 400 and nothing of the apply is kept.
 * Registered when this module loads; routes/routines.ts imports it, so every buildApp has it.
 */
registerSpaceTemplateExtension({
  key: 'routines',
  async capture(tx, spaceId) {
    const rows = await tx.db.selectFrom('routines').selectAll().where('space_id', '=', spaceId).orderBy('created_at').orderBy('id').execute();
    const entries: Array<Record<string, unknown>> = [];
    for (const r of rows) {
      const { fields, ...template } = json<RoutineTemplate>(r.template);
      entries.push({
        name: r.name,
        recurrence: recurrenceOf(r),
        anchor: r.anchor,
        skipWhileOpen: Number(r.skip_while_open) === 1,
        leadDays: Number(r.lead_days),
        paused: r.paused_at !== null,
        template,
        templateFields: await captureFieldValues(tx.db, fields ?? {}),
        rotation: json<string[]>(r.rotation),
      });
    }
    return entries;
  },
  async apply(tx, _ctx, m, space, entries) {
    const fields = await fieldResolver(tx.db, space.workspace_id, space.id);
    const people = entries.flatMap((e) => [...asIds(e.rotation), ...asIds((e.template as { assigneeIds?: unknown } | undefined)?.assigneeIds)]);
    const readers = await spaceReaders(tx.db, space, [...new Set(people)]);
    const labels = new Set((await tx.db.selectFrom('labels').select('id').where('workspace_id', '=', space.workspace_id).execute()).map((l) => l.id));
    const dropped = { assigneeIds: people.filter((id) => !readers.has(id)), labelIds: [] as string[] };
    const made: Array<{ id: string; name: string }> = [];
    for (const [i, entry] of entries.entries()) {
      const { templateFields, template, rotation, ...rest } = entry as { templateFields?: Array<FieldRef & { value: unknown }>; template?: Record<string, unknown>; rotation?: unknown };
      const labelIds = asIds(template?.labelIds);
      dropped.labelIds.push(...labelIds.filter((id) => !labels.has(id)));
      const parsed = CreateRoutineInput.safeParse({
        ...rest,
        template: {
          ...template,
          labelIds: labelIds.filter((id) => labels.has(id)),
          assigneeIds: asIds(template?.assigneeIds).filter((id) => readers.has(id)),
          fields: await fields.values(Array.isArray(templateFields) ? templateFields : []),
        },
        rotation: asIds(rotation).filter((id) => readers.has(id)),
      });
      if (!parsed.success) {
        const errors: FieldError[] = parsed.error.issues.map((x) => ({ path: ['content', 'routines', i, ...x.path].join('.'), message: x.message }));
        throw new WeftError('VALIDATION_FAILED', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { fields: errors });
      }
      await checkRoutineRefs(tx.db, space, m, parsed.data.template, parsed.data.rotation).catch((e) => {
        throw relabel(e, `content.routines.${i}`);
      });
      const row = await createRoutineTx(tx, space, m, parsed.data);
      made.push({ id: row.id, name: row.name });
    }
    return { made, dropped: { ...dropped, fieldIds: [...fields.dropped] } };
  },
});

function asIds(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Reports a reference error of one entry at its place in the template rather than at `body.…`. */
function relabel(e: unknown, prefix: string): unknown {
  if (!(e instanceof WeftError) || !e.fields) return e;
  const fields = e.fields.map((f) => ({ path: f.path.replace(/^body/, prefix), message: f.message }));
  return new WeftError(e.code, fields.map((f) => `${f.path}: ${f.message}`).join('; '), { fields });
}
