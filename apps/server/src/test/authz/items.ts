import { statusIn } from '../factories';
import { call } from '../harness';
import { freshItem } from './fixtures';
import { api, type AuthzCase, membersOnly, must, read, write } from './types';

/**
 * Items of the matrix space. Each target is a new item the owner created, so guestIn (invited to the
 * space, neither creator nor assignee) may read and comment but not change it; guestOut may not see it.
 */
export const itemCases: AuthzCase[] = [
  { route: 'POST /api/v1/spaces/:id/items', expect: write(201), req: async (w) => ['POST', `${api}/spaces/${w.space.id}/items`, { title: 'New' }] },
  { route: 'POST /api/v1/spaces/:id/items/batch', expect: write(201), req: async (w) => ['POST', `${api}/spaces/${w.space.id}/items/batch`, { items: [{ title: 'One' }, { title: 'Two' }] }] },
  { route: 'GET /api/v1/spaces/:id/items', expect: read(), req: async (w) => ['GET', `${api}/spaces/${w.space.id}/items`] },
  { route: 'GET /api/v1/spaces/:id/board', expect: read(), req: async (w) => ['GET', `${api}/spaces/${w.space.id}/board`] },
  { route: 'GET /api/v1/items/:id', expect: read(), req: async (w, t) => ['GET', `${api}/items/${(await freshItem(t, w)).id}`] },
  { route: 'GET /api/v1/items/:id', variant: 'by key', expect: read(), req: async (w, t) => ['GET', `${api}/items/${(await freshItem(t, w)).key}`] },
  { route: 'PATCH /api/v1/items/:id', expect: membersOnly(200, 404), req: async (w, t) => ['PATCH', `${api}/items/${(await freshItem(t, w)).id}`, { version: 1, title: 'Edited' }] },
  { route: 'DELETE /api/v1/items/:id', expect: membersOnly(200, 404), req: async (w, t) => ['DELETE', `${api}/items/${(await freshItem(t, w)).id}`] },
  {
    route: 'POST /api/v1/items/:id/restore',
    expect: membersOnly(200, 404),
    req: async (w, t) => {
      const it = await freshItem(t, w);
      must(await call(t, w.owner, 'DELETE', `${api}/items/${it.id}`), 200, 'trash');
      return ['POST', `${api}/items/${it.id}/restore`];
    },
  },
  {
    route: 'POST /api/v1/items/:id/move',
    expect: membersOnly(200, 404),
    req: async (w, t) => ['POST', `${api}/items/${(await freshItem(t, w)).id}/move`, { version: 1, statusId: statusIn(w.space, 'done') }],
  },
  {
    route: 'POST /api/v1/items/:id/links',
    expect: membersOnly(201, 404),
    req: async (w, t) => ['POST', `${api}/items/${(await freshItem(t, w)).id}/links`, { kind: 'relates', itemId: (await freshItem(t, w)).id }],
  },
  {
    route: 'DELETE /api/v1/items/:id/links/:linkId',
    expect: membersOnly(204, 404),
    req: async (w, t) => {
      const it = await freshItem(t, w);
      const link = must(await call(t, w.owner, 'POST', `${api}/items/${it.id}/links`, { kind: 'blocks', itemId: (await freshItem(t, w)).id }), 201, 'link');
      return ['DELETE', `${api}/items/${it.id}/links/${link.id}`];
    },
  },

  // Workspace-wide: guests query and see only items of spaces they can read.
  { route: 'GET /api/v1/workspaces/:id/items', expect: read({ guestOut: 200 }), req: async (w) => ['GET', `${api}/workspaces/${w.ws.id}/items?q=${encodeURIComponent('status:todo')}`] },
  {
    // One change to many items: every one must be readable (else 404) and changeable (else 403).
    route: 'POST /api/v1/workspaces/:id/items/bulk',
    expect: membersOnly(200, 404),
    req: async (w, t) => ['POST', `${api}/workspaces/${w.ws.id}/items/bulk`, { itemIds: [(await freshItem(t, w)).id, (await freshItem(t, w)).id], set: { priority: 'high' } }],
  },
];
