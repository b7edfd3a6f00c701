import { call } from '../harness';
import { api, type AuthzCase, must, type PublicCase, self, uniq, write } from './types';

/** The caller's own account: profile, API tokens, and the list of their workspaces. */
export const accountCases: AuthzCase[] = [
  { route: 'GET /api/v1/me', expect: self(200, false), req: async () => ['GET', `${api}/me`] },
  { route: 'PATCH /api/v1/me', expect: self(200, true), req: async () => ['PATCH', `${api}/me`, { timeZone: 'Europe/Paris' }] },
  { route: 'GET /api/v1/tokens', expect: self(200, false), req: async () => ['GET', `${api}/tokens`] },
  { route: 'POST /api/v1/tokens', expect: self(201, true), req: async () => ['POST', `${api}/tokens`, { name: 'ci' }] },
  {
    // Tokens are personal: the member's token is theirs alone to revoke; to anyone else it does not exist.
    route: 'DELETE /api/v1/tokens/:id',
    expect: write(404, { member: 200 }),
    req: async (w, t) => ['DELETE', `${api}/tokens/${must(await call(t, w.member, 'POST', `${api}/tokens`, { name: 'target' }), 201, 'token').id}`],
  },
  { route: 'GET /api/v1/workspaces', expect: self(200, false), req: async () => ['GET', `${api}/workspaces`] },
  { route: 'POST /api/v1/workspaces', expect: self(201, true), req: async () => ['POST', `${api}/workspaces`, { name: 'Mine too' }] },
];

/** Routes anyone may call: the door in, the door out, the API description and the health check. */
export const publicCases: PublicCase[] = [
  {
    route: 'POST /api/v1/auth/signup',
    status: 201,
    req: async () => ['POST', `${api}/auth/signup`, { email: `new-${uniq()}@example.test`, name: 'New', password: 'correct horse battery' }],
  },
  {
    route: 'POST /api/v1/auth/login',
    status: 200,
    req: async (t) => {
      const email = `back-${uniq()}@example.test`;
      must(await call(t, null, 'POST', `${api}/auth/signup`, { email, name: 'Back', password: 'correct horse battery' }), 201, 'signup');
      return ['POST', `${api}/auth/login`, { email, password: 'correct horse battery' }];
    },
  },
  { route: 'POST /api/v1/auth/logout', status: 204, req: async () => ['POST', `${api}/auth/logout`] },
  { route: 'GET /api/v1/openapi.json', status: 200, req: async () => ['GET', `${api}/openapi.json`] },
  { route: 'GET /healthz', status: 200, req: async () => ['GET', '/healthz'] },
];
