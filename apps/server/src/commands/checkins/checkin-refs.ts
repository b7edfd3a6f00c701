import { WeftError } from '@weft/domain';
import type { Membership } from '../../context';
import { readableSpaceIn } from '../../queries/config';
import type { Tx } from '../../tx';
import { invalid, requireWorkspaceMembers } from '../spaces/space-checks';

/** Participants must be members (guests included), the team one of the workspace's, the space one the caller can read. */
export async function checkCheckinRefs(tx: Tx, m: Membership, refs: { participantIds?: string[]; teamId?: string | null; spaceId?: string | null }): Promise<void> {
  if (refs.participantIds) await requireWorkspaceMembers(tx.db, m.workspaceId, refs.participantIds, 'body.participantIds');
  if (refs.teamId) {
    const team = await tx.db.selectFrom('teams').select('id').where('id', '=', refs.teamId).where('workspace_id', '=', m.workspaceId).executeTakeFirst();
    if (!team) invalid([{ path: 'body.teamId', message: 'no such team in this workspace' }]);
  }
  if (refs.spaceId) {
    await readableSpaceIn(tx.db, m, refs.spaceId).catch(() => invalid([{ path: 'body.spaceId', message: 'no such space in this workspace' }]));
  }
}

/** Rewrites the listed participants of a check-in. */
export async function writeParticipants(tx: Tx, checkinId: string, ids: readonly string[]): Promise<void> {
  await tx.db.deleteFrom('checkin_participants').where('checkin_id', '=', checkinId).execute();
  const unique = [...new Set(ids)];
  if (unique.length) await tx.db.insertInto('checkin_participants').values(unique.map((user_id) => ({ checkin_id: checkinId, user_id }))).execute();
}

export const notAsked = () => new WeftError('FORBIDDEN', 'you were not asked in this occurrence');
