import { freshSpace } from './fixtures';
import { adminsOnly, api, type AuthzCase, membersOnly, read, uniq } from './types';

/**
 * Spaces, their members and workflows. Targets are new spaces like the matrix's (workspace-visible,
 * guestIn invited), so guestOut may not see them (404) and guestIn may see but not change them (403).
 */
export const spaceCases: AuthzCase[] = [
  {
    route: 'POST /api/v1/workspaces/:id/spaces',
    expect: membersOnly(201),
    req: async (w) => ['POST', `${api}/workspaces/${w.ws.id}/spaces`, { key: `K${uniq().toUpperCase().replace(/[^A-Z0-9]/g, '')}`.slice(0, 10), name: 'n' }],
  },
  // Guests may list: they see only the spaces they were invited to.
  { route: 'GET /api/v1/workspaces/:id/spaces', expect: read({ guestOut: 200 }), req: async (w) => ['GET', `${api}/workspaces/${w.ws.id}/spaces`] },
  { route: 'GET /api/v1/spaces/:id', expect: read(), req: async (w) => ['GET', `${api}/spaces/${w.space.id}`] },
  { route: 'PATCH /api/v1/spaces/:id', expect: membersOnly(200, 404), req: async (w, t) => ['PATCH', `${api}/spaces/${(await freshSpace(t, w)).id}`, { version: 1, name: 'Renamed' }] },
  { route: 'DELETE /api/v1/spaces/:id', expect: adminsOnly(204, 404), req: async (w, t) => ['DELETE', `${api}/spaces/${(await freshSpace(t, w)).id}`] },
  { route: 'POST /api/v1/spaces/:id/members', expect: membersOnly(200, 404), req: async (w, t) => ['POST', `${api}/spaces/${(await freshSpace(t, w)).id}/members`, { add: [w.admin.id] }] },
  { route: 'GET /api/v1/spaces/:id/statuses', expect: read(), req: async (w) => ['GET', `${api}/spaces/${w.space.id}/statuses`] },
  {
    route: 'POST /api/v1/spaces/:id/statuses',
    expect: membersOnly(201, 404),
    req: async (w, t) => ['POST', `${api}/spaces/${(await freshSpace(t, w)).id}/statuses`, { name: 'QA', category: 'in_progress' }],
  },
  {
    route: 'PATCH /api/v1/spaces/:id/statuses/:statusId',
    expect: membersOnly(200, 404),
    req: async (w, t) => {
      const s = await freshSpace(t, w);
      return ['PATCH', `${api}/spaces/${s.id}/statuses/${s.statuses[0].id}`, { name: 'Icebox' }];
    },
  },
  {
    route: 'PUT /api/v1/spaces/:id/statuses/order',
    expect: membersOnly(200, 404),
    req: async (w, t) => {
      const s = await freshSpace(t, w);
      return ['PUT', `${api}/spaces/${s.id}/statuses/order`, { order: s.statuses.map((x) => x.id).reverse() }];
    },
  },
  {
    route: 'DELETE /api/v1/spaces/:id/statuses/:statusId',
    expect: membersOnly(204, 404),
    req: async (w, t) => {
      const s = await freshSpace(t, w);
      return ['DELETE', `${api}/spaces/${s.id}/statuses/${s.statuses[0].id}`];
    },
  },
];
