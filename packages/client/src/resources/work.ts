import { seg, type Transport } from '../transport';
import type {
  Activity,
  BulkInput,
  Comment,
  CreateCommentInput,
  CreateItemInput,
  CreateSpaceInput,
  CreateStatusInput,
  Item,
  ItemLink,
  ItemQueryPage,
  ItemQueryParams,
  LinkInput,
  MoveItemInput,
  Page,
  PageParams,
  ReorderStatusesInput,
  Space,
  SpaceListParams,
  SpaceMembersInput,
  Status,
  UpdateCommentInput,
  UpdateItemInput,
  UpdateSpaceInput,
  UpdateStatusInput,
} from '../types';

const space = (id: string) => `/spaces/${seg(id)}`;
const item = (idOrKey: string) => `/items/${seg(idOrKey)}`;

export function spacesResource(t: Transport) {
  return {
    list: (workspaceId: string, params: SpaceListParams = {}) => t.request<Page<Space>>('GET', `/workspaces/${seg(workspaceId)}/spaces`, { query: params }),
    create: (workspaceId: string, input: CreateSpaceInput) => t.request<Space>('POST', `/workspaces/${seg(workspaceId)}/spaces`, { body: input }),
    get: (id: string) => t.request<Space>('GET', space(id)),
    update: (id: string, input: UpdateSpaceInput) => t.request<Space>('PATCH', space(id), { body: input }),
    remove: (id: string) => t.request<void>('DELETE', space(id)),
    changeMembers: (id: string, input: SpaceMembersInput) => t.request<Space>('POST', `${space(id)}/members`, { body: input }),
  };
}

export function statusesResource(t: Transport) {
  return {
    list: (spaceId: string) => t.request<{ data: Status[] }>('GET', `${space(spaceId)}/statuses`),
    create: (spaceId: string, input: CreateStatusInput) => t.request<Status>('POST', `${space(spaceId)}/statuses`, { body: input }),
    update: (spaceId: string, statusId: string, input: UpdateStatusInput) => t.request<Status>('PATCH', `${space(spaceId)}/statuses/${seg(statusId)}`, { body: input }),
    reorder: (spaceId: string, input: ReorderStatusesInput) => t.request<{ data: Status[] }>('PUT', `${space(spaceId)}/statuses/order`, { body: input }),
    /** Items still in the status move to `moveItemsTo`. */
    remove: (spaceId: string, statusId: string, moveItemsTo?: string) =>
      t.request<void>('DELETE', `${space(spaceId)}/statuses/${seg(statusId)}`, { query: { moveItemsTo } }),
  };
}

export function itemsResource(t: Transport) {
  return {
    /** Items matching the query language across a workspace: `{ data, nextCursor, group }`. */
    query: (workspaceId: string, params: ItemQueryParams = {}) => t.request<ItemQueryPage>('GET', `/workspaces/${seg(workspaceId)}/items`, { query: params }),
    listInSpace: (spaceId: string, params: PageParams & { deleted?: boolean } = {}) => t.request<Page<Item>>('GET', `${space(spaceId)}/items`, { query: params }),
    create: (spaceId: string, input: CreateItemInput) => t.request<Item>('POST', `${space(spaceId)}/items`, { body: input }),
    get: (idOrKey: string) => t.request<Item>('GET', item(idOrKey)),
    /** `version` (in the input) is the one the change was based on; a stale one answers VERSION_CONFLICT. */
    update: (idOrKey: string, input: UpdateItemInput) => t.request<Item>('PATCH', item(idOrKey), { body: input }),
    remove: (idOrKey: string, version?: number) => t.request<Item>('DELETE', item(idOrKey), { ifMatch: version }),
    restore: (idOrKey: string, version?: number) => t.request<Item>('POST', `${item(idOrKey)}/restore`, { ifMatch: version }),
    move: (idOrKey: string, input: MoveItemInput) => t.request<Item>('POST', `${item(idOrKey)}/move`, { body: input }),
    link: (idOrKey: string, input: LinkInput) => t.request<ItemLink>('POST', `${item(idOrKey)}/links`, { body: input }),
    unlink: (idOrKey: string, linkId: string) => t.request<void>('DELETE', `${item(idOrKey)}/links/${seg(linkId)}`),
    activity: (idOrKey: string, page: PageParams = {}) => t.request<Page<Activity>>('GET', `${item(idOrKey)}/activity`, { query: page }),
    bulk: (workspaceId: string, input: BulkInput) => t.request<{ data: Item[] }>('POST', `/workspaces/${seg(workspaceId)}/items/bulk`, { body: input }),
  };
}

export function commentsResource(t: Transport) {
  return {
    list: (itemIdOrKey: string, page: PageParams = {}) => t.request<Page<Comment>>('GET', `${item(itemIdOrKey)}/comments`, { query: page }),
    create: (itemIdOrKey: string, input: CreateCommentInput) => t.request<Comment>('POST', `${item(itemIdOrKey)}/comments`, { body: input }),
    update: (id: string, input: UpdateCommentInput) => t.request<Comment>('PATCH', `/comments/${seg(id)}`, { body: input }),
    remove: (id: string, version?: number) => t.request<void>('DELETE', `/comments/${seg(id)}`, { ifMatch: version }),
  };
}
