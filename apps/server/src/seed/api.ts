import type { FastifyInstance } from 'fastify';

/** Someone the seed acts as: their session cookie, as the web app would send it. */
export type Session = { id: string; name: string; email: string; cookie: string };

/** Thrown when the API refuses a seed request: the seed stops there (it is a bug or a conflict). */
export class SeedError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'SeedError';
    this.code = code;
  }
}

/** A tiny in-process client over `app.inject`: every write goes through the HTTP API. */
export function seedApi(app: FastifyInstance) {
  async function send<T>(who: Session | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown): Promise<{ body: T; cookie: string | null }> {
    const res = await app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who ? { cookie: who.cookie } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    if (res.statusCode >= 300) {
      const p = res.json() as { code?: string; detail?: string };
      throw new SeedError(p.code ?? 'INTERNAL', `${method} ${url} answered ${res.statusCode} ${p.code}: ${p.detail}`);
    }
    const setCookie = res.headers['set-cookie'];
    const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
    return { body: (res.body ? res.json() : undefined) as T, cookie: first ? first.split(';')[0] : null };
  }
  return {
    async signup(input: { email: string; name: string; password: string; inviteToken?: string; timeZone?: string }): Promise<Session> {
      const r = await send<{ id: string }>(null, 'POST', '/auth/signup', input);
      if (!r.cookie) throw new SeedError('INTERNAL', 'signup answered without a session cookie');
      return { id: r.body.id, name: input.name, email: input.email, cookie: r.cookie };
    },
    get: async <T>(who: Session, url: string) => (await send<T>(who, 'GET', url)).body,
    post: async <T>(who: Session, url: string, body: unknown = {}) => (await send<T>(who, 'POST', url, body)).body,
    patch: async <T>(who: Session, url: string, body: unknown) => (await send<T>(who, 'PATCH', url, body)).body,
    put: async <T>(who: Session, url: string, body: unknown) => (await send<T>(who, 'PUT', url, body)).body,
  };
}

export type SeedApi = ReturnType<typeof seedApi>;
