import type { Role } from '@weft/domain';
import type { Ctx } from '../context';

/** The workspaces the caller belongs to, with their role in each. */
export async function listMyWorkspaces(ctx: Ctx) {
  const rows = await ctx.deps.store.db
    .selectFrom('workspaces')
    .innerJoin('members', 'members.workspace_id', 'workspaces.id')
    .selectAll('workspaces')
    .select('members.role')
    .where('members.user_id', '=', ctx.actor.userId)
    .orderBy('workspaces.name')
    .execute();
  return rows.map(({ role, ...w }) => ({ w, m: { workspaceId: w.id, userId: ctx.actor.userId, role: role as Role, readOnly: ctx.actor.readOnly } }));
}
