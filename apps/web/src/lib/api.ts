import { createClient, type Item } from '@weft/client';

export type Priority = Item['priority'];

/** The one client of the API; the session cookie travels with `credentials: 'include'`. */
export const client = createClient({ baseUrl: window.location.origin, credentials: 'include' });

/** A compact card of `GET /spaces/{id}/board` (the server's `BoardCard`). */
export type BoardCard = Pick<Item, 'id' | 'key' | 'title' | 'type' | 'statusId' | 'position' | 'priority' | 'assigneeIds' | 'labelIds' | 'dueAt' | 'spaceId' | 'version'> & {
  /** single-select custom field values only: field id → option id */
  fields: Record<string, string>;
};
export type BoardColumn = { id: string; name: string; category: string; position: number };
export type Board = { spaceId: string; statuses: BoardColumn[]; items: BoardCard[]; truncated: boolean };

// @weft/client has no method for the board yet: this goes through its generic `request` escape
// hatch (reported to the lead; it belongs in packages/client/src/resources/work.ts).
export const boardApi = {
  get: (spaceId: string) => client.request<Board>('GET', `/spaces/${encodeURIComponent(spaceId)}/board`),
};

// Kept here rather than imported from @weft/domain: importing the domain's runtime values would pull
// zod and every schema into the browser bundle. `satisfies` keeps the list in step with the type.
export const PRIORITIES = ['none', 'low', 'medium', 'high', 'urgent'] as const satisfies readonly Priority[];
