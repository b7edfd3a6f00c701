import { SpaceMembersInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { authorize } from '../../policies/policy';
import { spacePolicy } from '../../policies/space.policy';
import { spaceAccess } from '../../queries/access';
import { withTx } from '../../tx';
import { invalid, requireWorkspaceMembers } from './space-checks';

/** Adds and removes space members in one change; ids already in (or out) are no-ops. */
export async function changeSpaceMembers(ctx: Ctx, spaceId: string, raw: z.input<typeof SpaceMembersInput>) {
  const input = SpaceMembersInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { space, m, subject } = await spaceAccess(tx.db, ctx.actor, spaceId);
    authorize(spacePolicy, 'space.manageMembers', m, subject, { canRead: true, notFound: 'SPACE_NOT_FOUND' });
    const both = input.add.filter((id) => input.remove.includes(id));
    if (both.length) invalid([{ path: 'body.add', message: `both added and removed: ${both.join(', ')}` }]);
    await requireWorkspaceMembers(tx.db, space.workspace_id, input.add, 'body.add');
    const current = new Set((await tx.db.selectFrom('space_members').select('user_id').where('space_id', '=', spaceId).execute()).map((r) => r.user_id));
    const added = [...new Set(input.add)].filter((id) => !current.has(id));
    const removed = [...new Set(input.remove)].filter((id) => current.has(id));
    if (added.length) await tx.db.insertInto('space_members').values(added.map((user_id) => ({ space_id: spaceId, user_id, created_at: tx.now }))).execute();
    if (removed.length) await tx.db.deleteFrom('space_members').where('space_id', '=', spaceId).where('user_id', 'in', removed).execute();
    if (added.length || removed.length) {
      await appendEvent(tx, { type: 'space.members_changed', workspaceId: space.workspace_id, spaceId, data: { added, removed } });
    }
    return { space, m };
  });
}
