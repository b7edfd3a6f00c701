import type { QueryClient } from '@tanstack/react-query';
import type { CheckinComment, CheckinOccurrenceDetails } from '@weft/client';
import { client } from '../../lib/api';
import { useOptimisticMutation } from '../../lib/optimistic';
import { checkinKeys } from './useCheckins';

// Comments on answers live inside the occurrence's details (`answers[].comments`): each change is
// written there at once, restored by the optimistic layer if the server refuses it, and replaced by
// the server's record when it answers. Other people's comments arrive through the live stream
// (`checkin.*` events refetch the occurrence).

type Where = { checkinId: string; occurrenceId: string; answerId: string };

function editComments(qc: QueryClient, w: Where, f: (list: CheckinComment[]) => CheckinComment[]): void {
  qc.setQueryData<CheckinOccurrenceDetails>(checkinKeys.occurrence(w.checkinId, w.occurrenceId), (d) =>
    d ? { ...d, answers: d.answers.map((a) => (a.id === w.answerId ? { ...a, comments: f(a.comments) } : a)) } : d,
  );
}

const replace = (id: string, c: CheckinComment) => (list: CheckinComment[]) => list.map((x) => (x.id === id ? c : x));
const keys = (w: Where) => [checkinKeys.occurrence(w.checkinId, w.occurrenceId)];

let pendingSeq = 0;

/** Post a comment: it shows at once (marked pending) and becomes the server's record. */
export function usePostComment() {
  return useOptimisticMutation({
    mutationFn: (v: Where & { body: string; authorId: string; tempId: string }) => client.checkins.comment(v.answerId, v.body),
    keys,
    apply: (qc, v) => {
      const now = new Date().toISOString();
      const temp: CheckinComment = { id: v.tempId, answerId: v.answerId, authorId: v.authorId, body: v.body, version: 0, createdAt: now, updatedAt: now, editedAt: null, abilities: {} };
      editComments(qc, v, (l) => [...l, temp]);
    },
    onSuccess: (qc, c, v) => editComments(qc, v, replace(v.tempId, c)),
    describe: () => 'Posting your comment',
  });
}

/** A temporary id for a comment not yet stored. */
export const pendingId = () => `pending-${++pendingSeq}`;
export const isPending = (c: CheckinComment) => c.id.startsWith('pending-');

/** Edit my comment with the version it was based on; a 409 shows the current text. */
export function useEditComment() {
  return useOptimisticMutation({
    mutationFn: (v: Where & { comment: CheckinComment; body: string }) => client.checkins.updateComment(v.comment.id, v.body, v.comment.version),
    keys,
    apply: (qc, v) => editComments(qc, v, replace(v.comment.id, { ...v.comment, body: v.body, editedAt: new Date().toISOString() })),
    onSuccess: (qc, c, v) => editComments(qc, v, replace(c.id, c)),
    describe: () => 'Saving your comment',
    conflict: {
      summarize: (c) => [String((c as CheckinComment | undefined)?.body ?? '')],
      store: (qc, c, v) => editComments(qc, v, replace(v.comment.id, c as CheckinComment)),
      reapply: (c, v) => ({ ...v, comment: c as CheckinComment }),
    },
  });
}

/** Delete a comment: gone at once, back if the server refuses. */
export function useDeleteComment() {
  return useOptimisticMutation({
    mutationFn: (v: Where & { comment: CheckinComment }) => client.checkins.removeComment(v.comment.id),
    keys,
    apply: (qc, v) => editComments(qc, v, (l) => l.filter((x) => x.id !== v.comment.id)),
    describe: () => 'Deleting the comment',
  });
}
