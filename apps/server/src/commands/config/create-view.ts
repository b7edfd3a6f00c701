import { newId } from '@weft/db';
import { CreateViewInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx, Membership } from '../../context';
import { appendEvent } from '../../events/append';
import { type ViewSubject, viewPolicy } from '../../policies/config.policy';
import { authorize } from '../../policies/policy';
import { membershipOf } from '../../queries/access';
import { readableSpaceIn } from '../../queries/config';
import { type Tx, withTx } from '../../tx';
import { validateViewQuery } from './validate-view-query';

/** Saves a view: personal (seen by its owner alone) or shared (seen by everyone who can read its space). */
export async function createView(ctx: Ctx, workspaceId: string, raw: z.input<typeof CreateViewInput>) {
  const input = CreateViewInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => createViewTx(tx, await membershipOf(tx.db, ctx.actor, workspaceId), workspaceId, input));
}

/** The create inside a caller's transaction (space templates add their views to the new space). */
export async function createViewTx(tx: Tx, m: Membership, workspaceId: string, input: z.output<typeof CreateViewInput>) {
  const space = input.spaceId ? await readableSpaceIn(tx.db, m, input.spaceId) : null;
  // The creator is recorded as owner of shared views too; sharing, not ownership, decides who sees them.
  const subject: ViewSubject = { ownerId: m.userId, shared: input.shared, space: space?.subject ?? null };
  authorize(viewPolicy, input.shared ? 'view.createShared' : 'view.createPersonal', m, subject, { canRead: true, notFound: 'SPACE_NOT_FOUND' });
  await validateViewQuery(input.query);
  const row = {
    id: newId(),
    workspace_id: workspaceId,
    space_id: space?.space.id ?? null,
    owner_id: m.userId,
    name: input.name,
    query: input.query,
    layout: input.layout,
    shared: input.shared ? 1 : 0,
    options: JSON.stringify(input.options ?? {}),
    created_at: tx.now,
    updated_at: tx.now,
    version: 1,
  };
  await tx.db.insertInto('views').values(row).execute();
  await appendEvent(tx, { type: 'view.created', workspaceId, spaceId: row.space_id, data: { viewId: row.id, name: row.name, shared: input.shared } });
  return { row, m, subject };
}
