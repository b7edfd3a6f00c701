import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { configPolicy } from '../../policies/config.policy';
import { authorize } from '../../policies/policy';
import { labelAccess } from '../../queries/config';
import { withTx } from '../../tx';

/** Deletes a label; items simply lose it. */
export async function deleteLabel(ctx: Ctx, labelId: string): Promise<void> {
  await withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { label, m } = await labelAccess(tx.db, ctx.actor, labelId);
    authorize(configPolicy, 'label.manage', m, null, { canRead: true, notFound: 'LABEL_NOT_FOUND' });
    await tx.db.deleteFrom('item_labels').where('label_id', '=', labelId).execute();
    await tx.db.deleteFrom('labels').where('id', '=', labelId).execute();
    await appendEvent(tx, { type: 'label.deleted', workspaceId: label.workspace_id, data: { labelId, name: label.name } });
  });
}
