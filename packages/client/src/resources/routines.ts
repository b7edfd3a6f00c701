import type * as d from '@weft/domain';
import type { z } from 'zod';
import { seg, type Transport } from '../transport';
import type { Page, PageParams } from '../types';

export type Routine = z.output<typeof d.Routine>;
export type CreateRoutineInput = z.input<typeof d.CreateRoutineInput>;
export type UpdateRoutineInput = z.input<typeof d.UpdateRoutineInput>;
export type RoutinePreview = z.output<typeof d.RoutinePreview>;
export type RoutineOccurrence = z.output<typeof d.RoutineOccurrence>;
export type PostponeOccurrenceInput = z.input<typeof d.PostponeOccurrenceInput>;
export type EditOccurrenceInput = z.input<typeof d.EditOccurrenceInput>;

/** Client resources of issue 4: routines (recurring work); spread into createClient. */
export function routinesResources(t: Transport) {
  const one = (id: string) => `/routines/${seg(id)}`;
  const occ = (id: string, occurrence: string) => `${one(id)}/occurrences/${seg(occurrence)}`;
  return {
    routines: {
      list: (spaceId: string, params: PageParams = {}) => t.request<Page<Routine>>('GET', `/spaces/${seg(spaceId)}/routines`, { query: params }),
      create: (spaceId: string, input: CreateRoutineInput) => t.request<Routine>('POST', `/spaces/${seg(spaceId)}/routines`, { body: input }),
      get: (id: string) => t.request<Routine>('GET', one(id)),
      update: (id: string, input: UpdateRoutineInput) => t.request<Routine>('PATCH', one(id), { body: input }),
      remove: (id: string) => t.request<void>('DELETE', one(id)),
      /** The next `count` dates, in the routine's zone and the caller's. */
      preview: (id: string, count = 10) => t.request<RoutinePreview>('GET', `${one(id)}/preview`, { query: { count } }),
      pause: (id: string) => t.request<Routine>('POST', `${one(id)}/pause`),
      resume: (id: string) => t.request<Routine>('POST', `${one(id)}/resume`),
      occurrences: (id: string, params: PageParams = {}) => t.request<Page<RoutineOccurrence>>('GET', `${one(id)}/occurrences`, { query: params }),
      /** `occurrence` is a local date 'YYYY-MM-DD' in the routine's zone, or the occurrence's instant. */
      skip: (id: string, occurrence: string) => t.request<RoutineOccurrence>('POST', `${occ(id, occurrence)}/skip`),
      postpone: (id: string, occurrence: string, input: PostponeOccurrenceInput) => t.request<RoutineOccurrence>('POST', `${occ(id, occurrence)}/postpone`, { body: input }),
      editOccurrence: (id: string, occurrence: string, input: EditOccurrenceInput) => t.request<RoutineOccurrence>('PATCH', occ(id, occurrence), { body: input }),
      /** Takes back a skip, postpone or edit of one occurrence that is not created yet. */
      clearOccurrence: (id: string, occurrence: string) => t.request<void>('DELETE', occ(id, occurrence)),
    },
  };
}
