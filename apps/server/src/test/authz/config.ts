import { freshLabel, personalView, sharedView, spaceField } from './fixtures';
import { api, type AuthzCase, membersOnly, read, uniq, write } from './types';

/** Workspace configuration: custom fields, labels, item types and saved views. */
export const configCases: AuthzCase[] = [
  // Lists are open to every member of the workspace and filtered to the spaces each may read.
  { route: 'GET /api/v1/workspaces/:id/fields', expect: read({ guestOut: 200 }), req: async (w) => ['GET', `${api}/workspaces/${w.ws.id}/fields`] },
  { route: 'POST /api/v1/workspaces/:id/fields', expect: membersOnly(201), req: async (w) => ['POST', `${api}/workspaces/${w.ws.id}/fields`, { name: `F${uniq()}`, type: 'text' }] },
  {
    // In a space the caller cannot see, the space is "not found" whatever their role.
    route: 'POST /api/v1/workspaces/:id/fields',
    variant: 'scoped to the matrix space',
    expect: membersOnly(201, 404),
    req: async (w) => ['POST', `${api}/workspaces/${w.ws.id}/fields`, { name: `F${uniq()}`, type: 'text', spaceId: w.space.id }],
  },
  // The targets are fields of the matrix space: guestOut cannot see them at all.
  { route: 'PATCH /api/v1/fields/:id', expect: membersOnly(200, 404), req: async (w, t) => ['PATCH', `${api}/fields/${(await spaceField(t, w)).id}`, { version: 1, name: `G${uniq()}` }] },
  { route: 'DELETE /api/v1/fields/:id', expect: membersOnly(204, 404), req: async (w, t) => ['DELETE', `${api}/fields/${(await spaceField(t, w)).id}`] },

  { route: 'GET /api/v1/workspaces/:id/labels', expect: read({ guestOut: 200 }), req: async (w) => ['GET', `${api}/workspaces/${w.ws.id}/labels`] },
  { route: 'POST /api/v1/workspaces/:id/labels', expect: membersOnly(201), req: async (w) => ['POST', `${api}/workspaces/${w.ws.id}/labels`, { name: `L${uniq()}` }] },
  { route: 'PATCH /api/v1/labels/:id', expect: membersOnly(200), req: async (w, t) => ['PATCH', `${api}/labels/${(await freshLabel(t, w)).id}`, { version: 1, color: '#ff0000' }] },
  { route: 'DELETE /api/v1/labels/:id', expect: membersOnly(204), req: async (w, t) => ['DELETE', `${api}/labels/${(await freshLabel(t, w)).id}`] },

  { route: 'GET /api/v1/workspaces/:id/types', expect: read({ guestOut: 200 }), req: async (w) => ['GET', `${api}/workspaces/${w.ws.id}/types`] },
  { route: 'POST /api/v1/workspaces/:id/types', expect: membersOnly(201), req: async (w) => ['POST', `${api}/workspaces/${w.ws.id}/types`, { key: `t${uniq()}`, name: 'Story' }] },

  { route: 'GET /api/v1/workspaces/:id/views', expect: read({ guestOut: 200 }), req: async (w) => ['GET', `${api}/workspaces/${w.ws.id}/views`] },
  {
    route: 'POST /api/v1/workspaces/:id/views',
    expect: membersOnly(201, 404),
    req: async (w) => ['POST', `${api}/workspaces/${w.ws.id}/views`, { name: 'Board', query: 'status:todo', spaceId: w.space.id, shared: true }],
  },
  // A personal workspace-wide view is anyone's to save, guests included.
  { route: 'POST /api/v1/workspaces/:id/views', variant: 'personal', expect: write(201, { guestOut: 201 }), req: async (w) => ['POST', `${api}/workspaces/${w.ws.id}/views`, { name: 'Mine' }] },
  { route: 'GET /api/v1/views/:id', expect: read(), req: async (w, t) => ['GET', `${api}/views/${(await sharedView(t, w)).id}`] },
  // Someone's personal view does not exist for anyone else, owners included.
  {
    route: 'GET /api/v1/views/:id',
    variant: "the member's personal view",
    expect: read({ guestIn: 404, admin: 404, owner: 404 }),
    req: async (w, t) => ['GET', `${api}/views/${(await personalView(t, w)).id}`],
  },
  { route: 'PATCH /api/v1/views/:id', expect: membersOnly(200, 404), req: async (w, t) => ['PATCH', `${api}/views/${(await sharedView(t, w)).id}`, { version: 1, layout: 'board' }] },
  {
    route: 'PATCH /api/v1/views/:id',
    variant: "the member's personal view",
    expect: write(404, { member: 200 }),
    req: async (w, t) => ['PATCH', `${api}/views/${(await personalView(t, w)).id}`, { version: 1, name: 'Still mine' }],
  },
  { route: 'DELETE /api/v1/views/:id', expect: membersOnly(204, 404), req: async (w, t) => ['DELETE', `${api}/views/${(await sharedView(t, w)).id}`] },
];
