import { newId } from '@weft/db';
import { CreateFieldInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx, Membership } from '../../context';
import { appendEvent } from '../../events/append';
import { configPolicy } from '../../policies/config.policy';
import { authorize } from '../../policies/policy';
import { membershipOf } from '../../queries/access';
import { readableSpaceIn } from '../../queries/config';
import { type Tx, withTx } from '../../tx';
import { assertFieldNameFree, normalizeOptions } from './field-options';

/** Defines a custom field for the whole workspace or for one space the caller can read. */
export async function createField(ctx: Ctx, workspaceId: string, raw: z.input<typeof CreateFieldInput>) {
  const input = CreateFieldInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => createFieldTx(tx, await membershipOf(tx.db, ctx.actor, workspaceId), workspaceId, input));
}

/** The create inside a caller's transaction (space templates add their fields to the new space). */
export async function createFieldTx(tx: Tx, m: Membership, workspaceId: string, input: z.output<typeof CreateFieldInput>) {
  // The space is checked first: a space the caller cannot see is "not found", whatever their role.
  const spaceId = input.spaceId ? (await readableSpaceIn(tx.db, m, input.spaceId)).space.id : null;
  authorize(configPolicy, 'field.manage', m, null, { canRead: true, notFound: 'WORKSPACE_NOT_FOUND' });
  const options = normalizeOptions(input.type, input.options);
  await assertFieldNameFree(tx, workspaceId, spaceId, input.name);
  const last = await tx.db.selectFrom('fields').select((eb) => eb.fn.max('position').as('p')).where('workspace_id', '=', workspaceId).executeTakeFirst();
  const row = {
    id: newId(),
    workspace_id: workspaceId,
    space_id: spaceId,
    name: input.name,
    type: input.type,
    options: JSON.stringify(options),
    position: Number(last?.p ?? -1) + 1,
    created_at: tx.now,
    version: 1,
  };
  await tx.db.insertInto('fields').values(row).execute();
  await appendEvent(tx, { type: 'field.created', workspaceId, spaceId, data: { fieldId: row.id, name: row.name, type: row.type } });
  return { row, m };
}
