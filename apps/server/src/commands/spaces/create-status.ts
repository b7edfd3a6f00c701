import { newId, type StatusesTable } from '@weft/db';
import { CreateStatusInput, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { authorize } from '../../policies/policy';
import { spacePolicy } from '../../policies/space.policy';
import { spaceAccess } from '../../queries/access';
import type { Tx } from '../../tx';
import { withTx } from '../../tx';
import { invalid } from './space-checks';

export const MAX_STATUSES = 100;

/** Rewrites positions 0..n-1 in the given order, touching only the rows whose position moved. */
export async function renumberStatuses(tx: Tx, ordered: readonly StatusesTable[]): Promise<void> {
  for (const [i, s] of ordered.entries()) {
    if (Number(s.position) !== i) await tx.db.updateTable('statuses').set({ position: i }).where('id', '=', s.id).execute();
  }
}

/** Adds a status to a space's workflow, at the end or before another status. */
export async function createStatus(ctx: Ctx, spaceId: string, raw: z.input<typeof CreateStatusInput>) {
  const input = CreateStatusInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { space, m, subject } = await spaceAccess(tx.db, ctx.actor, spaceId);
    authorize(spacePolicy, 'space.manageWorkflow', m, subject, { canRead: true, notFound: 'SPACE_NOT_FOUND' });
    const statuses = await tx.db.selectFrom('statuses').selectAll().where('space_id', '=', spaceId).orderBy('position').orderBy('id').execute();
    if (statuses.length >= MAX_STATUSES) throw new WeftError('UNPROCESSABLE', `a workflow has at most ${MAX_STATUSES} statuses`);
    let at = statuses.length;
    if (input.beforeId) {
      at = statuses.findIndex((s) => s.id === input.beforeId);
      if (at < 0) invalid([{ path: 'body.beforeId', message: 'not a status of this space' }]);
    }
    const status: StatusesTable = { id: newId(), space_id: spaceId, name: input.name, category: input.category, position: at, color: input.color ?? null };
    await tx.db.insertInto('statuses').values(status).execute();
    const ordered = [...statuses];
    ordered.splice(at, 0, status);
    await renumberStatuses(tx, ordered);
    await appendEvent(tx, { type: 'status.created', workspaceId: space.workspace_id, spaceId, data: { statusId: status.id, name: status.name, category: status.category } });
    return status;
  });
}
