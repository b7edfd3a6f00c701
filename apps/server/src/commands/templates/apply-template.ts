import { ApplyTemplateInput, type FieldError, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { authorize } from '../../policies/policy';
import { templatePolicy } from '../../policies/templates.policy';
import { loadTemplateAccess } from '../../queries/templates/template-access';
import { withTx } from '../../tx';
import { applyItemTemplateTx } from './apply-item-template';
import { applySpaceTemplateTx } from './apply-space-template';

type Input = z.output<typeof ApplyTemplateInput>;

const ITEM_ONLY = ['spaceId', 'parentId', 'statusId', 'title', 'assigneeIds'] as const;
const SPACE_ONLY = ['key', 'name', 'description', 'visibility', 'memberIds'] as const;

/** Body fields that belong to the other kind of template are refused by name, not ignored. */
function checkShape(kind: string, input: Input): void {
  const errors: FieldError[] = [];
  const [wrong, required] = kind === 'item' ? [SPACE_ONLY, ['spaceId'] as const] : [ITEM_ONLY, ['key', 'name'] as const];
  for (const k of wrong) if (input[k] !== undefined) errors.push({ path: `body.${k}`, message: `not used by ${kind} templates` });
  for (const k of required) if (input[k] === undefined) errors.push({ path: `body.${k}`, message: `required to apply a ${kind} template` });
  if (errors.length) throw new WeftError('VALIDATION_FAILED', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { fields: errors });
}

/**
 * Creates from a template in one transaction, through the core creation commands: an item with
 * its subitems in a space (createItemsTx), or a new space with its workflow, fields and views
 * (createSpaceTx, createFieldTx, createViewTx). Anything refused rolls the whole apply back.
 */
export async function applyTemplate(ctx: Ctx, id: string, raw: z.input<typeof ApplyTemplateInput>) {
  const input = ApplyTemplateInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { template, m, subject } = await loadTemplateAccess(tx.db, ctx.actor, id);
    authorize(templatePolicy, 'template.read', m, subject, { canRead: true, notFound: 'TEMPLATE_NOT_FOUND' });
    checkShape(template.kind, input);
    const content = JSON.parse(template.content);
    const made = template.kind === 'item' ? await applyItemTemplateTx(tx, ctx, m, content, input) : await applySpaceTemplateTx(tx, ctx, m, content, input);
    await appendEvent(tx, {
      type: 'template.applied',
      workspaceId: template.workspace_id,
      spaceId: made.spaceId,
      itemId: made.itemId ?? null,
      data: { templateId: template.id, kind: template.kind, ...(made.itemId ? { itemId: made.itemId } : {}), spaceId: made.spaceId },
    });
    return { ...made, m, kind: template.kind };
  });
}
