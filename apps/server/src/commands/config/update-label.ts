import { isUniqueViolation } from '@weft/db';
import { UpdateLabelInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { configPolicy } from '../../policies/config.policy';
import { authorize } from '../../policies/policy';
import { presentLabel } from '../../presenters/config';
import { labelAccess } from '../../queries/config';
import { withTx } from '../../tx';
import { requireVersion, versionConflict } from '../versioned';
import { assertLabelNameFree, labelTaken } from './label-name';

/** Renames or recolours a label (items keep it: they refer to its id). */
export async function updateLabel(ctx: Ctx, labelId: string, raw: z.input<typeof UpdateLabelInput>) {
  const input = UpdateLabelInput.parse(raw);
  try {
    return await withTx(ctx.deps, ctx.actor.userId, async (tx) => {
      const { label, m } = await labelAccess(tx.db, ctx.actor, labelId);
      authorize(configPolicy, 'label.manage', m, null, { canRead: true, notFound: 'LABEL_NOT_FOUND' });
      const version = requireVersion(input.version);
      if (input.name !== undefined) await assertLabelNameFree(tx, label.workspace_id, input.name, label.id);
      const row = await tx.db
        .updateTable('labels')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.color !== undefined ? { color: input.color } : {}),
          version: version + 1,
        })
        .where('id', '=', labelId)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
      if (!row) versionConflict(presentLabel(label, m));
      await appendEvent(tx, { type: 'label.updated', workspaceId: label.workspace_id, data: { labelId, name: input.name, color: input.color } });
      return { row, m };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw labelTaken(input.name ?? '');
    throw e;
  }
}
