import { seg, type Transport } from '../transport';
import type {
  CreateFieldInput,
  CreateItemTypeInput,
  CreateLabelInput,
  CreateViewInput,
  EventsPage,
  Field,
  ItemType,
  Label,
  Page,
  PageParams,
  SpaceScopedParams,
  UpdateFieldInput,
  UpdateLabelInput,
  UpdateViewInput,
  View,
} from '../types';

const ws = (id: string) => `/workspaces/${seg(id)}`;

export function fieldsResource(t: Transport) {
  return {
    list: (workspaceId: string, params: SpaceScopedParams = {}) => t.request<Page<Field>>('GET', `${ws(workspaceId)}/fields`, { query: params }),
    create: (workspaceId: string, input: CreateFieldInput) => t.request<Field>('POST', `${ws(workspaceId)}/fields`, { body: input }),
    update: (id: string, input: UpdateFieldInput) => t.request<Field>('PATCH', `/fields/${seg(id)}`, { body: input }),
    remove: (id: string) => t.request<void>('DELETE', `/fields/${seg(id)}`),
  };
}

export function labelsResource(t: Transport) {
  return {
    list: (workspaceId: string, page: PageParams = {}) => t.request<Page<Label>>('GET', `${ws(workspaceId)}/labels`, { query: page }),
    create: (workspaceId: string, input: CreateLabelInput) => t.request<Label>('POST', `${ws(workspaceId)}/labels`, { body: input }),
    update: (id: string, input: UpdateLabelInput) => t.request<Label>('PATCH', `/labels/${seg(id)}`, { body: input }),
    remove: (id: string) => t.request<void>('DELETE', `/labels/${seg(id)}`),
  };
}

export function typesResource(t: Transport) {
  return {
    list: (workspaceId: string, page: PageParams = {}) => t.request<Page<ItemType>>('GET', `${ws(workspaceId)}/types`, { query: page }),
    create: (workspaceId: string, input: CreateItemTypeInput) => t.request<ItemType>('POST', `${ws(workspaceId)}/types`, { body: input }),
  };
}

export function viewsResource(t: Transport) {
  return {
    list: (workspaceId: string, params: SpaceScopedParams = {}) => t.request<Page<View>>('GET', `${ws(workspaceId)}/views`, { query: params }),
    create: (workspaceId: string, input: CreateViewInput) => t.request<View>('POST', `${ws(workspaceId)}/views`, { body: input }),
    get: (id: string) => t.request<View>('GET', `/views/${seg(id)}`),
    update: (id: string, input: UpdateViewInput) => t.request<View>('PATCH', `/views/${seg(id)}`, { body: input }),
    remove: (id: string) => t.request<void>('DELETE', `/views/${seg(id)}`),
  };
}

export function eventsResource(t: Transport) {
  return {
    /** Events after `since` (a seq), oldest first; resume with `since: page.nextSince`. */
    list: (workspaceId: string, params: { since?: number; limit?: number } = {}) => t.request<EventsPage>('GET', `${ws(workspaceId)}/events`, { query: params }),
  };
}
