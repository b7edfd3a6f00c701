import { freshItem, memberComment } from './fixtures';
import { api, type AuthzCase, read, write } from './types';

/**
 * Comments and activity on items of the matrix space. The comments changed here are the member's:
 * only their author edits one; the author or an admin (moderating) deletes one.
 */
export const conversationCases: AuthzCase[] = [
  { route: 'GET /api/v1/items/:id/comments', expect: read(), req: async (w, t) => ['GET', `${api}/items/${(await memberComment(t, w)).itemId}/comments`] },
  // Whoever can read an item may comment on it, guests included.
  { route: 'POST /api/v1/items/:id/comments', expect: write(201), req: async (w, t) => ['POST', `${api}/items/${(await freshItem(t, w)).id}/comments`, { body: 'Looks good' }] },
  {
    route: 'PATCH /api/v1/comments/:id',
    expect: write(403, { member: 200 }),
    req: async (w, t) => ['PATCH', `${api}/comments/${(await memberComment(t, w)).id}`, { version: 1, body: 'Edited' }],
  },
  {
    route: 'DELETE /api/v1/comments/:id',
    expect: write(204, { guestIn: 403 }),
    req: async (w, t) => ['DELETE', `${api}/comments/${(await memberComment(t, w)).id}`],
  },
  { route: 'GET /api/v1/items/:id/activity', expect: read(), req: async (w, t) => ['GET', `${api}/items/${(await freshItem(t, w)).id}/activity`] },
];
