import { UpdateTemplateInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { authorize } from '../../policies/policy';
import { templatePolicy } from '../../policies/templates.policy';
import { presentTemplate } from '../../presenters/templates';
import { loadTemplateAccess } from '../../queries/templates/template-access';
import { withTx } from '../../tx';
import { requireVersion, versionConflict } from '../versioned';
import { checkContent } from './check-content';

/** Renames, redescribes or replaces the content of a template (same kind), from the version the caller saw. */
export async function updateTemplate(ctx: Ctx, id: string, raw: z.input<typeof UpdateTemplateInput>) {
  const input = UpdateTemplateInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { template, m, subject } = await loadTemplateAccess(tx.db, ctx.actor, id);
    authorize(templatePolicy, 'template.update', m, subject, { canRead: true, notFound: 'TEMPLATE_NOT_FOUND' });
    const version = requireVersion(input.version);
    if (Number(template.version) !== version) versionConflict(presentTemplate(template, m, subject));
    const set: { name?: string; description?: string; content?: string } = {};
    const changed: string[] = [];
    if (input.name !== undefined && input.name !== template.name) set.name = input.name;
    if (input.description !== undefined && input.description !== template.description) set.description = input.description;
    if (input.content !== undefined) {
      const content = JSON.stringify(await checkContent(tx.db, template.workspace_id, template.kind, input.content, 'body.content'));
      if (content !== template.content) set.content = content;
    }
    changed.push(...Object.keys(set));
    if (changed.length === 0) return { row: template, m, subject };
    const row = await tx.db
      .updateTable('templates')
      .set({ ...set, updated_at: tx.now, version: version + 1 })
      .where('id', '=', template.id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!row) versionConflict(presentTemplate(template, m, subject));
    await appendEvent(tx, { type: 'template.updated', workspaceId: template.workspace_id, spaceId: template.space_id, data: { templateId: template.id, changed } });
    return { row, m, subject };
  });
}
