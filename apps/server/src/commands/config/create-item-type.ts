import { CreateItemTypeInput, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { configPolicy } from '../../policies/config.policy';
import { authorize } from '../../policies/policy';
import { membershipOf } from '../../queries/access';
import { withTx } from '../../tx';

/**
 * Adds an item type beside task/request/bug/milestone. Types are workspace configuration like
 * custom fields, so the same permission (field.manage: members, not guests) governs them.
 */
export async function createItemType(ctx: Ctx, workspaceId: string, raw: z.input<typeof CreateItemTypeInput>) {
  const input = CreateItemTypeInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const m = await membershipOf(tx.db, ctx.actor, workspaceId);
    authorize(configPolicy, 'field.manage', m, null, { canRead: true, notFound: 'WORKSPACE_NOT_FOUND' });
    const taken = await tx.db.selectFrom('item_types').select('key').where('workspace_id', '=', workspaceId).where('key', '=', input.key).executeTakeFirst();
    if (taken) throw new WeftError('ALREADY_EXISTS', `the type "${input.key}" already exists`, { fields: [{ path: 'body.key', message: 'taken' }] });
    const row = { workspace_id: workspaceId, key: input.key, name: input.name };
    await tx.db.insertInto('item_types').values(row).execute();
    await appendEvent(tx, { type: 'type.created', workspaceId, data: { key: row.key, name: row.name } });
    return row;
  });
}
