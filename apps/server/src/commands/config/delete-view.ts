import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { viewPolicy } from '../../policies/config.policy';
import { authorize } from '../../policies/policy';
import { viewAccess } from '../../queries/config';
import { withTx } from '../../tx';

export async function deleteView(ctx: Ctx, viewId: string): Promise<void> {
  await withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { view, m, subject } = await viewAccess(tx.db, ctx.actor, viewId);
    authorize(viewPolicy, 'view.delete', m, subject, { canRead: true, notFound: 'VIEW_NOT_FOUND' });
    await tx.db.deleteFrom('views').where('id', '=', viewId).execute();
    await appendEvent(tx, { type: 'view.deleted', workspaceId: view.workspace_id, spaceId: view.space_id, data: { viewId, name: view.name } });
  });
}
