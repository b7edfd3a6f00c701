import { WeftError } from '@weft/domain';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { authorize } from '../../policies/policy';
import { spacePolicy } from '../../policies/space.policy';
import { spaceAccess } from '../../queries/access';
import { withTx } from '../../tx';

/**
 * Deletes an empty space (admins). A space that holds items, even trashed ones, is archived
 * instead: deleting work along with its container is too easy a mistake to allow.
 */
export async function deleteSpace(ctx: Ctx, spaceId: string): Promise<void> {
  await withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { space, m, subject } = await spaceAccess(tx.db, ctx.actor, spaceId);
    authorize(spacePolicy, 'space.delete', m, subject, { canRead: true, notFound: 'SPACE_NOT_FOUND' });
    const item = await tx.db.selectFrom('items').select('id').where('space_id', '=', spaceId).limit(1).executeTakeFirst();
    if (item) throw new WeftError('UNPROCESSABLE', 'this space still holds items (the trash included); archive it instead, or move its items out first');
    // Who could read the space goes into the event: once the rows are gone, it is the only way the
    // stream and the event feed can tell its readers (realtime/access.ts and queries/events.ts, by canReadDeletedSpace).
    const members = await tx.db.selectFrom('space_members').select('user_id').where('space_id', '=', spaceId).execute();
    await tx.db.deleteFrom('spaces').where('id', '=', spaceId).execute();
    await appendEvent(tx, {
      type: 'space.deleted',
      workspaceId: space.workspace_id,
      spaceId,
      data: { key: space.key, name: space.name, visibility: space.visibility, memberIds: members.map((r) => r.user_id) },
    });
  });
}
