import type * as d from '@weft/domain';
import type { z } from 'zod';
import { seg, type Transport } from '../transport';
import type { Page, PageParams } from '../types';

export type Template = z.output<typeof d.Template>;
export type CreateTemplateInput = z.input<typeof d.CreateTemplateInput>;
export type UpdateTemplateInput = z.input<typeof d.UpdateTemplateInput>;
export type SaveItemAsTemplateInput = z.input<typeof d.SaveItemAsTemplateInput>;
export type SaveSpaceAsTemplateInput = z.input<typeof d.SaveSpaceAsTemplateInput>;
export type ApplyTemplateInput = z.input<typeof d.ApplyTemplateInput>;
export type ApplyTemplateResult = z.output<typeof d.ApplyTemplateResult>;
export type TemplateListParams = PageParams & { kind?: 'item' | 'space'; spaceId?: string };

/** Client resources of issue 4: templates; spread into createClient. */
export function templatesResources(t: Transport) {
  return {
    templates: {
      list: (workspaceId: string, params: TemplateListParams = {}) => t.request<Page<Template>>('GET', `/workspaces/${seg(workspaceId)}/templates`, { query: params }),
      create: (workspaceId: string, input: CreateTemplateInput) => t.request<Template>('POST', `/workspaces/${seg(workspaceId)}/templates`, { body: input }),
      get: (id: string) => t.request<Template>('GET', `/templates/${seg(id)}`),
      update: (id: string, input: UpdateTemplateInput) => t.request<Template>('PATCH', `/templates/${seg(id)}`, { body: input }),
      remove: (id: string) => t.request<void>('DELETE', `/templates/${seg(id)}`),
      /** "Save this item as a template" (by id or key, `OPS-42`). */
      saveItem: (idOrKey: string, input: SaveItemAsTemplateInput) => t.request<Template>('POST', `/items/${seg(idOrKey)}/save-as-template`, { body: input }),
      saveSpace: (spaceId: string, input: SaveSpaceAsTemplateInput) => t.request<Template>('POST', `/spaces/${seg(spaceId)}/save-as-template`, { body: input }),
      /** An item template needs `spaceId`; a space template `key` and `name`. */
      apply: (id: string, input: ApplyTemplateInput) => t.request<ApplyTemplateResult>('POST', `/templates/${seg(id)}/apply`, { body: input }),
    },
  };
}
