import { useQuery } from '@tanstack/react-query';
import { type Checkin, type CheckinAnswer, type CheckinOccurrence, type CheckinOccurrenceDetails, collect } from '@weft/client';
import { client } from '../../lib/api';
import { useOptimisticMutation } from '../../lib/optimistic';

// This area's query keys (kept beside it: lib/keys.ts is shared with parallel work).
// The roots of what a check-in page shows; live refresh (features/live/LiveStream.tsx) invalidates them.
const SHOWN = { list: 'checkins', one: 'checkin', occurrences: 'checkin-occurrences', occurrence: 'checkin-occurrence' } as const;

export const checkinKeys = {
  list: (ws: string) => [SHOWN.list, ws] as const,
  one: (id: string) => [SHOWN.one, id] as const,
  occurrences: (id: string) => [SHOWN.occurrences, id] as const,
  occurrence: (id: string, occ: string) => [SHOWN.occurrence, id, occ] as const,
  draft: (id: string, occ: string) => ['checkin-draft', id, occ] as const,
  /** Every list, check-in and occurrence (not the drafts): what a live change refreshes. */
  shownRoots: () => Object.values(SHOWN).map((root) => [root] as const),
};

export const useCheckins = (ws: string) => useQuery({ queryKey: checkinKeys.list(ws), queryFn: () => collect<Checkin>((cursor) => client.checkins.list(ws, { cursor, limit: 200 })) });
export const useCheckin = (id: string) => useQuery({ queryKey: checkinKeys.one(id), queryFn: () => client.checkins.get(id) });
export const useOccurrences = (id: string) =>
  useQuery({ queryKey: checkinKeys.occurrences(id), queryFn: async (): Promise<CheckinOccurrence[]> => (await client.checkins.occurrences(id, { limit: 50 })).data });
export const useOccurrence = (id: string, occ: string) => useQuery({ queryKey: checkinKeys.occurrence(id, occ), queryFn: () => client.checkins.occurrence(id, occ) });
export const useDraft = (id: string, occ: string, enabled: boolean) =>
  useQuery({ queryKey: checkinKeys.draft(id, occ), enabled, staleTime: Number.POSITIVE_INFINITY, queryFn: () => client.checkins.draft(id, occ) });

type AnswerVars = { checkinId: string; occurrenceId: string; userId: string; body: string; previous?: CheckinAnswer };

/** My answer shows in the team's answers at once; a refusal takes it back (a 409 shows the current text). */
export function useAnswer() {
  return useOptimisticMutation({
    mutationFn: (v: AnswerVars) => client.checkins.answer(v.checkinId, v.occurrenceId, v.body, v.previous?.version),
    keys: (v) => [checkinKeys.occurrence(v.checkinId, v.occurrenceId)],
    apply: (qc, v) =>
      qc.setQueryData<CheckinOccurrenceDetails>(checkinKeys.occurrence(v.checkinId, v.occurrenceId), (d) => {
        if (!d) return d;
        const now = new Date().toISOString();
        const mine: CheckinAnswer = v.previous
          ? { ...v.previous, body: v.body }
          : { id: 'pending', occurrenceId: v.occurrenceId, userId: v.userId, body: v.body, version: 0, createdAt: now, updatedAt: now, editedAt: null, comments: [], abilities: {} };
        return {
          ...d,
          myState: 'answered',
          answers: [...d.answers.filter((a) => a.userId !== v.userId), mine],
          answered: [...d.answered.filter((u) => u !== v.userId), v.userId],
          pending: d.pending.filter((u) => u !== v.userId),
          skipped: d.skipped.filter((u) => u !== v.userId),
        };
      }),
    onSuccess: (qc, a, v) =>
      qc.setQueryData<CheckinOccurrenceDetails>(checkinKeys.occurrence(v.checkinId, v.occurrenceId), (d) => (d ? { ...d, answers: d.answers.map((x) => (x.userId === v.userId ? a : x)) } : d)),
    describe: () => 'Saving your answer',
    conflict: { summarize: (c) => [String((c as CheckinAnswer | undefined)?.body ?? '')] },
    invalidate: (v) => [checkinKeys.occurrences(v.checkinId)],
  });
}
