import { isUniqueViolation, newId } from '@weft/db';
import { CreateLabelInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { configPolicy } from '../../policies/config.policy';
import { authorize } from '../../policies/policy';
import { membershipOf } from '../../queries/access';
import { withTx } from '../../tx';
import { assertLabelNameFree, labelTaken } from './label-name';

/** Creates a workspace-wide label. */
export async function createLabel(ctx: Ctx, workspaceId: string, raw: z.input<typeof CreateLabelInput>) {
  const input = CreateLabelInput.parse(raw);
  try {
    return await withTx(ctx.deps, ctx.actor.userId, async (tx) => {
      const m = await membershipOf(tx.db, ctx.actor, workspaceId);
      authorize(configPolicy, 'label.manage', m, null, { canRead: true, notFound: 'WORKSPACE_NOT_FOUND' });
      await assertLabelNameFree(tx, workspaceId, input.name);
      const row = { id: newId(), workspace_id: workspaceId, name: input.name, color: input.color ?? null, created_at: tx.now, version: 1 };
      await tx.db.insertInto('labels').values(row).execute();
      await appendEvent(tx, { type: 'label.created', workspaceId, data: { labelId: row.id, name: row.name, color: row.color } });
      return { row, m };
    });
  } catch (e) {
    // Two creates racing past the check: the unique index on lower(name) still holds.
    if (isUniqueViolation(e)) throw labelTaken(input.name);
    throw e;
  }
}
