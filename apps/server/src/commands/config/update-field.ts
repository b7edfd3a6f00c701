import { type FieldType, UpdateFieldInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { configPolicy } from '../../policies/config.policy';
import { authorize } from '../../policies/policy';
import { presentField } from '../../presenters/config';
import { fieldAccess } from '../../queries/config';
import { withTx } from '../../tx';
import { requireVersion, versionConflict } from '../versioned';
import { assertFieldNameFree, normalizeOptions } from './field-options';

/** Renames a field or replaces its options (its type never changes: stored values depend on it). */
export async function updateField(ctx: Ctx, fieldId: string, raw: z.input<typeof UpdateFieldInput>) {
  const input = UpdateFieldInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { field, m } = await fieldAccess(tx.db, ctx.actor, fieldId);
    authorize(configPolicy, 'field.manage', m, null, { canRead: true, notFound: 'FIELD_NOT_FOUND' });
    const version = requireVersion(input.version);
    const options = input.options === undefined ? undefined : normalizeOptions(field.type as FieldType, input.options);
    if (input.name !== undefined) await assertFieldNameFree(tx, field.workspace_id, field.space_id, input.name, field.id);
    const row = await tx.db
      .updateTable('fields')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(options !== undefined ? { options: JSON.stringify(options) } : {}),
        version: version + 1,
      })
      .where('id', '=', fieldId)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!row) versionConflict(presentField(field, m));
    await appendEvent(tx, { type: 'field.updated', workspaceId: field.workspace_id, spaceId: field.space_id, data: { fieldId, name: input.name, options } });
    return { row, m };
  });
}
