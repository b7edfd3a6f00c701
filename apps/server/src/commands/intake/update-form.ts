import { UpdateFormInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { formPolicy } from '../../policies/intake.policy';
import { authorize } from '../../policies/policy';
import { presentForm } from '../../presenters/intake';
import { loadForm } from '../../queries/intake/load';
import { withTx } from '../../tx';
import { requireVersion, versionConflict } from '../versioned';
import { checkFormRefs } from './form-checks';

/** Changes a form from the version the caller saw; `closed` closes it to new submissions (or reopens it). */
export async function updateForm(ctx: Ctx, formId: string, raw: z.input<typeof UpdateFormInput>) {
  const input = UpdateFormInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { form, space, m, subject } = await loadForm(tx.db, ctx.actor, formId);
    authorize(formPolicy, 'form.manage', m, subject, { canRead: true, notFound: 'FORM_NOT_FOUND' });
    const version = requireVersion(input.version);
    if (Number(form.version) !== version) versionConflict(presentForm(form, m, subject));
    await checkFormRefs(tx.db, space, input);
    const set = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.access !== undefined ? { access: input.access } : {}),
      ...(input.fields !== undefined ? { fields: JSON.stringify(input.fields) } : {}),
      ...(input.itemType !== undefined ? { item_type: input.itemType } : {}),
      ...(input.priority !== undefined ? { priority: input.priority } : {}),
      ...(input.triageStatusId !== undefined ? { triage_status_id: input.triageStatusId } : {}),
      ...(input.assigneeRule !== undefined ? { assignee_rule: JSON.stringify(input.assigneeRule) } : {}),
      ...(input.closed !== undefined ? { closed_at: input.closed ? (form.closed_at ?? tx.now) : null } : {}),
    };
    const updated = await tx.db
      .updateTable('intake_forms')
      .set({ ...set, updated_at: tx.now, version: version + 1 })
      .where('id', '=', form.id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) versionConflict(presentForm(form, m, subject));
    await appendEvent(tx, { type: 'form.updated', workspaceId: form.workspace_id, spaceId: form.space_id, data: { formId: form.id, changed: Object.keys(input).filter((k) => k !== 'version') } });
    return { form: updated, m, subject };
  });
}
