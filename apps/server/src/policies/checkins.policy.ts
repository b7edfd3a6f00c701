import type { Membership } from '../context';
import { atLeast, type Policy, writes } from './policy';

/** A check-in and the actor's place in it. */
export type CheckinSubject = { createdBy: string; visibility: string; isParticipant: boolean };

/**
 * Admins and owners read every check-in, as they read every space. Participants and the creator
 * read theirs. Other members read workspace-visible check-ins; a check-in private to its
 * participants is hidden from them. Guests see only check-ins they take part in.
 */
export function canReadCheckin(m: Membership, c: CheckinSubject): boolean {
  if (atLeast(m, 'admin') || c.isParticipant || c.createdBy === m.userId) return true;
  return m.role === 'member' && c.visibility === 'workspace';
}

/** Changed or deleted by its creator or an admin. */
const manage = writes<CheckinSubject>((m, c) => canReadCheckin(m, c) && (c.createdBy === m.userId || atLeast(m, 'admin')));

export const checkinPolicy: Policy<'checkin', CheckinSubject> = {
  'checkin.read': canReadCheckin,
  'checkin.create': writes((m) => atLeast(m, 'member')),
  'checkin.update': manage,
  'checkin.delete': manage,
  // Only those asked answer (the command also needs their prompt in the occurrence).
  'checkin.answer': writes((_m, c) => c.isParticipant),
  'checkin.comment': writes(canReadCheckin),
};

export type CheckinCommentSubject = { authorId: string; checkin: CheckinSubject };

/** Authors edit their own comments; the author or an admin (moderating) deletes one. */
export const checkinCommentPolicy: Policy<'checkinComment', CheckinCommentSubject> = {
  'checkinComment.update': writes((m, s) => canReadCheckin(m, s.checkin) && s.authorId === m.userId),
  'checkinComment.delete': writes((m, s) => canReadCheckin(m, s.checkin) && (s.authorId === m.userId || atLeast(m, 'admin'))),
};
