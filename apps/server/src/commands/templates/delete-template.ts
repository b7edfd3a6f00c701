import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { authorize } from '../../policies/policy';
import { templatePolicy } from '../../policies/templates.policy';
import { loadTemplateAccess } from '../../queries/templates/template-access';
import { withTx } from '../../tx';

/** Deletes a template; what was made from it stays (applying copies, it does not link). */
export async function deleteTemplate(ctx: Ctx, id: string): Promise<void> {
  await withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { template, m, subject } = await loadTemplateAccess(tx.db, ctx.actor, id);
    authorize(templatePolicy, 'template.delete', m, subject, { canRead: true, notFound: 'TEMPLATE_NOT_FOUND' });
    await tx.db.deleteFrom('templates').where('id', '=', template.id).execute();
    await appendEvent(tx, { type: 'template.deleted', workspaceId: template.workspace_id, spaceId: template.space_id, data: { templateId: template.id, kind: template.kind, name: template.name } });
  });
}
