import type * as d from '@weft/domain';
import type { z } from 'zod';
import { seg, type Transport } from '../transport';
import type { Page, PageParams } from '../types';

export type Checkin = z.output<typeof d.Checkin>;
export type CreateCheckinInput = z.input<typeof d.CreateCheckinInput>;
export type UpdateCheckinInput = z.input<typeof d.UpdateCheckinInput>;
export type CheckinOccurrence = z.output<typeof d.CheckinOccurrence>;
export type CheckinOccurrenceDetails = z.output<typeof d.CheckinOccurrenceDetails>;
export type CheckinDraft = z.output<typeof d.CheckinDraft>;
export type CheckinAnswer = z.output<typeof d.CheckinAnswer>;
export type CheckinComment = z.output<typeof d.CheckinComment>;

const occ = (checkinId: string, occurrenceId: string) => `/checkins/${seg(checkinId)}/occurrences/${seg(occurrenceId)}`;

/** Client resources of issue 4: check-ins; spread into createClient. */
export function checkinsResources(t: Transport) {
  return {
    checkins: {
      list: (workspaceId: string, page: PageParams = {}) => t.request<Page<Checkin>>('GET', `/workspaces/${seg(workspaceId)}/checkins`, { query: page }),
      create: (workspaceId: string, input: CreateCheckinInput) => t.request<Checkin>('POST', `/workspaces/${seg(workspaceId)}/checkins`, { body: input }),
      get: (id: string) => t.request<Checkin>('GET', `/checkins/${seg(id)}`),
      update: (id: string, input: UpdateCheckinInput) => t.request<Checkin>('PATCH', `/checkins/${seg(id)}`, { body: input }),
      remove: (id: string) => t.request<void>('DELETE', `/checkins/${seg(id)}`),
      occurrences: (id: string, page: PageParams = {}) => t.request<Page<CheckinOccurrence>>('GET', `/checkins/${seg(id)}/occurrences`, { query: page }),
      /** Opens today's occurrence now, for everyone asked (creator or admins). */
      askNow: (id: string) => t.request<CheckinOccurrence>('POST', `/checkins/${seg(id)}/occurrences`),
      occurrence: (id: string, occurrenceId: string) => t.request<CheckinOccurrenceDetails>('GET', occ(id, occurrenceId)),
      draft: (id: string, occurrenceId: string) => t.request<CheckinDraft>('GET', `${occ(id, occurrenceId)}/draft`),
      /** Writes my answer: the first one needs no version; an edit sends the version it was based on. */
      answer: (id: string, occurrenceId: string, body: string, version?: number) =>
        t.request<CheckinAnswer>('PUT', `${occ(id, occurrenceId)}/answer`, { body: { body, ...(version !== undefined ? { version } : {}) } }),
      skip: (id: string, occurrenceId: string) => t.request<{ occurrenceId: string; skippedAt: string }>('POST', `${occ(id, occurrenceId)}/skip`),
      comments: (answerId: string, page: PageParams = {}) => t.request<Page<CheckinComment>>('GET', `/checkin-answers/${seg(answerId)}/comments`, { query: page }),
      comment: (answerId: string, body: string) => t.request<CheckinComment>('POST', `/checkin-answers/${seg(answerId)}/comments`, { body: { body } }),
      updateComment: (commentId: string, body: string, version: number) => t.request<CheckinComment>('PATCH', `/checkin-comments/${seg(commentId)}`, { body: { body, version } }),
      removeComment: (commentId: string) => t.request<void>('DELETE', `/checkin-comments/${seg(commentId)}`),
    },
  };
}
