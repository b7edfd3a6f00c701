import type { CheckinsTable } from '@weft/db';
import { WeftError } from '@weft/domain';
import type { Actor, Db, Membership } from '../../context';
import { canReadCheckin, type CheckinSubject } from '../../policies/checkins.policy';
import { membershipOf } from '../access';

export type CheckinAccess = { checkin: CheckinsTable; m: Membership; subject: CheckinSubject; participants: string[] };

const notFound = () => new WeftError('CHECKIN_NOT_FOUND', 'check-in not found');

/**
 * Who a check-in asks: its listed participants and the members of its team, as long as they are
 * still members of the workspace. Sorted, so results and events are stable.
 */
export async function participantsOf(db: Db, c: Pick<CheckinsTable, 'id' | 'team_id' | 'workspace_id'>): Promise<string[]> {
  const listed = db.selectFrom('checkin_participants').select('user_id').where('checkin_id', '=', c.id);
  const rows = await db
    .selectFrom('members')
    .select('user_id')
    .where('workspace_id', '=', c.workspace_id)
    .where((eb) =>
      eb.or([
        eb('user_id', 'in', listed),
        ...(c.team_id ? [eb('user_id', 'in', eb.selectFrom('team_members').select('team_members.user_id').where('team_members.team_id', '=', c.team_id))] : []),
      ]),
    )
    .orderBy('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

/** The policy subject of a check-in for one member. */
export function checkinSubject(m: Membership, c: CheckinsTable, participants: readonly string[]): CheckinSubject {
  return { createdBy: c.created_by, visibility: c.visibility, isParticipant: participants.includes(m.userId) };
}

/** Loads a check-in the actor may read; missing, another workspace's, or private to others: 404 alike. */
export async function loadCheckinAccess(db: Db, actor: Actor, id: string): Promise<CheckinAccess> {
  const checkin = await db.selectFrom('checkins').selectAll().where('id', '=', id).executeTakeFirst();
  if (!checkin) throw notFound();
  const m = await membershipOf(db, actor, checkin.workspace_id).catch(() => {
    throw notFound();
  });
  const participants = await participantsOf(db, checkin);
  const subject = checkinSubject(m, checkin, participants);
  // Someone asked in an earlier occurrence keeps reading what they wrote, even after leaving the list.
  if (!canReadCheckin(m, subject)) {
    const asked = await db.selectFrom('checkin_prompts').select('user_id').where('checkin_id', '=', checkin.id).where('user_id', '=', m.userId).executeTakeFirst();
    if (!asked) throw notFound();
    return { checkin, m, subject: { ...subject, isParticipant: true }, participants };
  }
  return { checkin, m, subject, participants };
}

/** An occurrence of this check-in, or 404. */
export async function loadOccurrence(db: Db, checkinId: string, occurrenceId: string) {
  const occ = await db.selectFrom('checkin_occurrences').selectAll().where('id', '=', occurrenceId).where('checkin_id', '=', checkinId).executeTakeFirst();
  if (!occ) throw new WeftError('OCCURRENCE_NOT_FOUND', 'occurrence not found');
  return occ;
}

/** An answer with its check-in, when the actor may read the check-in; 404 otherwise. */
export async function loadAnswerAccess(db: Db, actor: Actor, answerId: string) {
  const answer = await db.selectFrom('checkin_answers').selectAll().where('id', '=', answerId).executeTakeFirst();
  if (!answer) throw new WeftError('ANSWER_NOT_FOUND', 'answer not found');
  const access = await loadCheckinAccess(db, actor, answer.checkin_id).catch(() => {
    throw new WeftError('ANSWER_NOT_FOUND', 'answer not found');
  });
  return { answer, ...access };
}

/** A live comment on an answer, with its check-in access; 404 when missing, deleted or unreadable. */
export async function loadCheckinCommentAccess(db: Db, actor: Actor, commentId: string) {
  const comment = await db.selectFrom('checkin_comments').selectAll().where('id', '=', commentId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!comment) throw new WeftError('COMMENT_NOT_FOUND', 'comment not found');
  const access = await loadCheckinAccess(db, actor, comment.checkin_id).catch(() => {
    throw new WeftError('COMMENT_NOT_FOUND', 'comment not found');
  });
  return { comment, ...access };
}
