import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { configPolicy } from '../../policies/config.policy';
import { authorize } from '../../policies/policy';
import { fieldAccess } from '../../queries/config';
import { withTx } from '../../tx';

/** Deletes a field and every value items had for it. */
export async function deleteField(ctx: Ctx, fieldId: string): Promise<void> {
  await withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { field, m } = await fieldAccess(tx.db, ctx.actor, fieldId);
    authorize(configPolicy, 'field.manage', m, null, { canRead: true, notFound: 'FIELD_NOT_FOUND' });
    await tx.db.deleteFrom('item_field_values').where('field_id', '=', fieldId).execute();
    await tx.db.deleteFrom('fields').where('id', '=', fieldId).execute();
    await appendEvent(tx, { type: 'field.deleted', workspaceId: field.workspace_id, spaceId: field.space_id, data: { fieldId, name: field.name } });
  });
}
