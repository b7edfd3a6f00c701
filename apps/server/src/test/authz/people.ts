import { call } from '../harness';
import { freshMember, freshTeam, sideWorkspace } from './fixtures';
import { adminsOnly, api, type AuthzCase, membersOnly, must, read, self, write } from './types';

/** Members and roles, invite links, teams. */
export const peopleCases: AuthzCase[] = [
  { route: 'GET /api/v1/workspaces/:id/members', expect: read({ guestOut: 200 }), req: async (w) => ['GET', `${api}/workspaces/${w.ws.id}/members`] },
  {
    route: 'PATCH /api/v1/workspaces/:id/members/:userId',
    expect: adminsOnly(200),
    req: async (w, t) => ['PATCH', `${api}/workspaces/${w.ws.id}/members/${(await freshMember(t, w)).id}`, { role: 'guest', version: 1 }],
  },
  {
    route: 'DELETE /api/v1/workspaces/:id/members/:userId',
    expect: adminsOnly(204),
    req: async (w, t) => ['DELETE', `${api}/workspaces/${w.ws.id}/members/${(await freshMember(t, w)).id}`],
  },

  { route: 'POST /api/v1/workspaces/:id/invites', expect: membersOnly(201), req: async (w) => ['POST', `${api}/workspaces/${w.ws.id}/invites`, { role: 'member' }] },
  // Everyone may list; non-admins see only the invites they sent.
  { route: 'GET /api/v1/workspaces/:id/invites', expect: read({ guestOut: 200 }), req: async (w) => ['GET', `${api}/workspaces/${w.ws.id}/invites`] },
  {
    // An invite the member sent: they and the admins may revoke it; to guests it does not exist.
    route: 'DELETE /api/v1/workspaces/:id/invites/:inviteId',
    expect: write(200, { guestIn: 404 }),
    req: async (w, t) => {
      const inv = must(await call(t, w.member, 'POST', `${api}/workspaces/${w.ws.id}/invites`, { role: 'member' }), 201, 'invite');
      return ['DELETE', `${api}/workspaces/${w.ws.id}/invites/${inv.id}`];
    },
  },
  {
    // The link is the capability: any signed-in user holding it may join (here a side workspace,
    // so that joining leaves the matrix workspace's membership as it was).
    route: 'POST /api/v1/invites/:token/accept',
    expect: self(200, true),
    req: async (w, t) => {
      const side = await sideWorkspace(t, w);
      const inv = must(await call(t, side.host, 'POST', `${api}/workspaces/${side.id}/invites`, { role: 'member' }), 201, 'side invite');
      return ['POST', `${api}/invites/${inv.token}/accept`];
    },
  },

  { route: 'GET /api/v1/workspaces/:id/teams', expect: read({ guestOut: 200 }), req: async (w) => ['GET', `${api}/workspaces/${w.ws.id}/teams`] },
  { route: 'POST /api/v1/workspaces/:id/teams', expect: adminsOnly(201), req: async (w) => ['POST', `${api}/workspaces/${w.ws.id}/teams`, { name: 'Crew', memberIds: [w.member.id] }] },
  { route: 'PATCH /api/v1/teams/:id', expect: adminsOnly(200), req: async (w, t) => ['PATCH', `${api}/teams/${(await freshTeam(t, w)).id}`, { version: 1, name: 'Renamed crew' }] },
  { route: 'DELETE /api/v1/teams/:id', expect: adminsOnly(204), req: async (w, t) => ['DELETE', `${api}/teams/${(await freshTeam(t, w)).id}`] },
];
