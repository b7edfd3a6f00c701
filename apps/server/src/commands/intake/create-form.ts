import { type IntakeFormsTable, newId, newSecret, type SpacesTable } from '@weft/db';
import { CreateFormInput, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx, Membership } from '../../context';
import { appendEvent } from '../../events/append';
import { formPolicy } from '../../policies/intake.policy';
import { authorize } from '../../policies/policy';
import { spaceScope } from '../../queries/intake/load';
import { type Tx, withTx } from '../../tx';
import { checkFormRefs } from './form-checks';

/** Creates a form in a space; its link (`publicId`) carries 128 random bits. */
export async function createForm(ctx: Ctx, spaceId: string, raw: z.input<typeof CreateFormInput>) {
  const input = CreateFormInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { space, m, subject } = await spaceScope(tx.db, ctx.actor, spaceId, 'SPACE_NOT_FOUND');
    authorize(formPolicy, 'form.manage', m, subject, { canRead: true, notFound: 'SPACE_NOT_FOUND' });
    if (space.archived_at) throw new WeftError('UNPROCESSABLE', 'this space is archived');
    await checkFormRefs(tx.db, space, input);
    return { form: await createFormTx(tx, space, m, input), m, subject };
  });
}

/**
 * The write of a form inside a caller's transaction (authorized and checked by the caller), with a
 * fresh `publicId`: also used by space templates, which never copy a form's link.
 */
export async function createFormTx(tx: Tx, space: SpacesTable, m: Membership, input: z.output<typeof CreateFormInput>): Promise<IntakeFormsTable> {
  const row: IntakeFormsTable = {
    id: newId(),
    workspace_id: space.workspace_id,
    space_id: space.id,
    public_id: newSecret(16),
    name: input.name,
    description: input.description,
    access: input.access,
    fields: JSON.stringify(input.fields),
    item_type: input.itemType,
    priority: input.priority,
    triage_status_id: input.triageStatusId ?? null,
    assignee_rule: JSON.stringify(input.assigneeRule),
    rr_turn: 0,
    created_by: m.userId,
    created_at: tx.now,
    updated_at: tx.now,
    closed_at: null,
    version: 1,
  };
  await tx.db.insertInto('intake_forms').values(row).execute();
  await appendEvent(tx, { type: 'form.created', workspaceId: space.workspace_id, spaceId: space.id, data: { formId: row.id, name: row.name, access: row.access } });
  return row;
}
