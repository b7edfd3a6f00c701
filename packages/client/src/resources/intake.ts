import type * as d from '@weft/domain';
import type { z } from 'zod';
import { seg, type Transport } from '../transport';
import type { Page, PageParams } from '../types';

export type Form = z.output<typeof d.Form>;
export type CreateFormInput = z.input<typeof d.CreateFormInput>;
export type UpdateFormInput = z.input<typeof d.UpdateFormInput>;
export type PublicForm = z.output<typeof d.PublicForm>;
export type SubmitFormInput = z.input<typeof d.SubmitFormInput>;
export type SubmissionReceipt = z.output<typeof d.SubmissionReceipt>;
export type RequestStatus = z.output<typeof d.RequestStatus>;
export type IntakeRequest = z.output<typeof d.IntakeRequest>;
export type RequestListParams = PageParams & { state?: d.RequestState; sla?: d.SlaState };
export type Calendar = z.output<typeof d.Calendar>;
export type CreateCalendarInput = z.input<typeof d.CreateCalendarInput>;
export type UpdateCalendarInput = z.input<typeof d.UpdateCalendarInput>;
export type SlaPolicy = z.output<typeof d.SlaPolicy>;
export type CreateSlaPolicyInput = z.input<typeof d.CreateSlaPolicyInput>;
export type UpdateSlaPolicyInput = z.input<typeof d.UpdateSlaPolicyInput>;

/** Client resources of issue 4: intake forms, requests, SLA policies and working calendars; spread into createClient. */
export function intakeResources(t: Transport) {
  return {
    forms: {
      list: (spaceId: string) => t.request<Page<Form>>('GET', `/spaces/${seg(spaceId)}/forms`),
      create: (spaceId: string, input: CreateFormInput) => t.request<Form>('POST', `/spaces/${seg(spaceId)}/forms`, { body: input }),
      update: (id: string, input: UpdateFormInput) => t.request<Form>('PATCH', `/forms/${seg(id)}`, { body: input }),
      /** What the link shows (no account needed for public forms). */
      read: (publicId: string) => t.request<PublicForm>('GET', `/forms/${seg(publicId)}`),
      submit: (publicId: string, input: SubmitFormInput) => t.request<SubmissionReceipt>('POST', `/forms/${seg(publicId)}/submissions`, { body: input }),
    },
    requests: {
      /** The requester's view by reference, no account needed. */
      status: (reference: string) => t.request<RequestStatus>('GET', `/requests/${seg(reference)}`),
      /** The members' view, by id or reference. */
      get: (idOrReference: string) => t.request<IntakeRequest>('GET', `/requests/${seg(idOrReference)}/details`),
      list: (spaceId: string, params: RequestListParams = {}) => t.request<Page<IntakeRequest>>('GET', `/spaces/${seg(spaceId)}/requests`, { query: params }),
      accept: (idOrReference: string, input: { statusId?: string } = {}) => t.request<IntakeRequest>('POST', `/requests/${seg(idOrReference)}/accept`, { body: input }),
      decline: (idOrReference: string, reason: string) => t.request<IntakeRequest>('POST', `/requests/${seg(idOrReference)}/decline`, { body: { reason } }),
      merge: (idOrReference: string, into: string) => t.request<IntakeRequest>('POST', `/requests/${seg(idOrReference)}/merge`, { body: { into } }),
    },
    slaPolicies: {
      list: (spaceId: string) => t.request<Page<SlaPolicy>>('GET', `/spaces/${seg(spaceId)}/sla-policies`),
      create: (spaceId: string, input: CreateSlaPolicyInput) => t.request<SlaPolicy>('POST', `/spaces/${seg(spaceId)}/sla-policies`, { body: input }),
      update: (id: string, input: UpdateSlaPolicyInput) => t.request<SlaPolicy>('PATCH', `/sla-policies/${seg(id)}`, { body: input }),
      remove: (id: string) => t.request<void>('DELETE', `/sla-policies/${seg(id)}`),
    },
    calendars: {
      list: (workspaceId: string) => t.request<Page<Calendar>>('GET', `/workspaces/${seg(workspaceId)}/calendars`),
      create: (workspaceId: string, input: CreateCalendarInput) => t.request<Calendar>('POST', `/workspaces/${seg(workspaceId)}/calendars`, { body: input }),
      update: (id: string, input: UpdateCalendarInput) => t.request<Calendar>('PATCH', `/calendars/${seg(id)}`, { body: input }),
      remove: (id: string) => t.request<void>('DELETE', `/calendars/${seg(id)}`),
    },
  };
}
