import { seg, type Transport } from '../transport';
import type { ApiToken, CreatedToken, CreateTokenInput, LoginInput, SignupInput, UpdateMeInput, User } from '../types';

/** A signed-in answer; `cookie` is the session as `name=value` where the runtime lets us read it (Node, not browsers). */
export type SessionResult = { user: User; cookie: string | null };

function sessionCookie(headers: Headers): string | null {
  const all = typeof headers.getSetCookie === 'function' ? headers.getSetCookie() : [headers.get('set-cookie') ?? ''];
  const first = all.find((c) => c.startsWith('weft_session='));
  return first ? (first.split(';')[0] ?? null) : null;
}

export function authResource(t: Transport) {
  return {
    async signup(input: SignupInput): Promise<SessionResult> {
      const r = await t.requestRaw<User>('POST', '/auth/signup', { body: input });
      return { user: r.data, cookie: sessionCookie(r.headers) };
    },
    async login(input: LoginInput): Promise<SessionResult> {
      const r = await t.requestRaw<User>('POST', '/auth/login', { body: input });
      return { user: r.data, cookie: sessionCookie(r.headers) };
    },
    logout: () => t.request<void>('POST', '/auth/logout'),
  };
}

export function meResource(t: Transport) {
  return {
    get: () => t.request<User>('GET', '/me'),
    update: (input: UpdateMeInput) => t.request<User>('PATCH', '/me', { body: input }),
  };
}

export function tokensResource(t: Transport) {
  return {
    list: () => t.request<{ data: ApiToken[] }>('GET', '/tokens'),
    /** The secret is in `token`, shown this once. */
    create: (input: CreateTokenInput) => t.request<CreatedToken>('POST', '/tokens', { body: input }),
    revoke: (id: string) => t.request<ApiToken>('DELETE', `/tokens/${seg(id)}`),
  };
}
