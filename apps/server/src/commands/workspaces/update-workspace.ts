import { UpdateWorkspaceInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { authorize } from '../../policies/policy';
import { workspacePolicy } from '../../policies/workspace.policy';
import { presentWorkspace } from '../../presenters/workspace';
import { membershipOf } from '../../queries/access';
import { withTx } from '../../tx';
import { requireVersion, versionConflict } from '../versioned';

/** Renames a workspace or changes its default time zone (admins and owners). */
export async function updateWorkspace(ctx: Ctx, id: string, raw: z.input<typeof UpdateWorkspaceInput>) {
  const input = UpdateWorkspaceInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const m = await membershipOf(tx.db, ctx.actor, id);
    authorize(workspacePolicy, 'workspace.update', m, null, { canRead: true, notFound: 'WORKSPACE_NOT_FOUND' });
    const version = requireVersion(input.version);
    const w = await tx.db
      .updateTable('workspaces')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
        updated_at: tx.now,
        version: version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!w) {
      const current = await tx.db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      versionConflict(presentWorkspace(current, m));
    }
    await appendEvent(tx, { type: 'workspace.updated', workspaceId: id, data: { name: input.name, timeZone: input.timeZone } });
    return { w, m };
  });
}
