import type { Membership } from '../context';
import { atLeast, type Policy, writes } from './policy';
import { canReadSpace, type SpaceSubject } from './space.policy';

export type ItemSubject = { space: SpaceSubject; createdBy: string; assigneeIds: readonly string[] };

const readable = (m: Membership, s: ItemSubject) => canReadSpace(m, s.space);
/** Guests work only on what they created or were assigned; members on everything they can see. */
const ownsOrAssigned = (m: Membership, s: ItemSubject) => s.createdBy === m.userId || s.assigneeIds.includes(m.userId);

export const itemPolicy: Policy<'item', ItemSubject> = {
  'item.read': readable,
  'item.create': writes(readable),
  'item.update': writes((m, s) => readable(m, s) && (atLeast(m, 'member') || ownsOrAssigned(m, s))),
  'item.delete': writes((m, s) => readable(m, s) && (atLeast(m, 'member') || s.createdBy === m.userId)),
  'item.comment': writes(readable),
};

export type CommentSubject = { authorId: string; item: ItemSubject };

/** Authors edit their own comments; admins may also delete anyone's (moderation). */
export const commentPolicy: Policy<'comment', CommentSubject> = {
  'comment.update': writes((m, s) => readable(m, s.item) && s.authorId === m.userId),
  'comment.delete': writes((m, s) => readable(m, s.item) && (s.authorId === m.userId || atLeast(m, 'admin'))),
};
