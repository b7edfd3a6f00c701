import { versionOf } from './fixtures';
import { adminsOnly, api, type AuthzCase, read } from './types';

/** The workspace itself and its event feed. Guests are members of it, so they read it (403 to change it). */
export const workspaceCases: AuthzCase[] = [
  { route: 'GET /api/v1/workspaces/:id', expect: read({ guestOut: 200 }), req: async (w) => ['GET', `${api}/workspaces/${w.ws.id}`] },
  {
    route: 'PATCH /api/v1/workspaces/:id',
    expect: adminsOnly(200),
    req: async (w, t) => {
      const url = `${api}/workspaces/${w.ws.id}`;
      return ['PATCH', url, { version: await versionOf(t, w, url), name: 'Acme' }];
    },
  },
  // Everyone in the workspace may poll the feed; it is filtered to what each may read.
  { route: 'GET /api/v1/workspaces/:id/events', expect: read({ guestOut: 200 }), req: async (w) => ['GET', `${api}/workspaces/${w.ws.id}/events`] },
];
