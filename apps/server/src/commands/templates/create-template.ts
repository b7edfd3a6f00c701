import { newId, type TemplatesTable } from '@weft/db';
import { CreateTemplateInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx, Membership } from '../../context';
import { appendEvent } from '../../events/append';
import { authorize } from '../../policies/policy';
import { type TemplateSubject, templatePolicy } from '../../policies/templates.policy';
import { membershipOf } from '../../queries/access';
import { readableSpaceIn } from '../../queries/config';
import { type Tx, withTx } from '../../tx';
import { checkContent } from './check-content';

/** Creates a template from its content, for the workspace or scoped to one space the caller can read. */
export async function createTemplate(ctx: Ctx, workspaceId: string, raw: z.input<typeof CreateTemplateInput>) {
  const input = CreateTemplateInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const m = await membershipOf(tx.db, ctx.actor, workspaceId);
    return insertTemplateTx(tx, m, { kind: input.kind, name: input.name, description: input.description, spaceId: input.spaceId ?? null, content: input.content }, 'body.content');
  });
}

type NewTemplate = { kind: 'item' | 'space'; name: string; description: string; spaceId: string | null; content: unknown };

/** Authorizes, checks the content's references and writes the template with its event. */
export async function insertTemplateTx(tx: Tx, m: Membership, t: NewTemplate, contentPath: string, source?: Record<string, string>) {
  // A space the caller cannot see is "not found", whatever their role.
  const space = t.spaceId ? await readableSpaceIn(tx.db, m, t.spaceId) : null;
  const subject: TemplateSubject = { createdBy: m.userId, space: space?.subject ?? null };
  authorize(templatePolicy, 'template.create', m, subject, { canRead: true, notFound: 'WORKSPACE_NOT_FOUND' });
  const content = await checkContent(tx.db, m.workspaceId, t.kind, t.content, contentPath);
  const row: TemplatesTable = {
    id: newId(),
    workspace_id: m.workspaceId,
    kind: t.kind,
    name: t.name,
    description: t.description,
    space_id: t.spaceId,
    content: JSON.stringify(content),
    created_by: m.userId,
    created_at: tx.now,
    updated_at: tx.now,
    version: 1,
  };
  await tx.db.insertInto('templates').values(row).execute();
  await appendEvent(tx, { type: 'template.created', workspaceId: m.workspaceId, spaceId: row.space_id, data: { templateId: row.id, kind: row.kind, name: row.name, ...(source ?? {}) } });
  return { row, m, subject };
}
