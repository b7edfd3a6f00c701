// A tiny fetch wrapper for the placeholder UI. The typed @weft/client replaces it with the web-app issue;
// until then this keeps the bundle free of zod and the domain schemas.

export type User = { id: string; email: string; name: string };
export type Workspace = { id: string; name: string; slug: string; role: string };

/** An RFC 9457 problem document as the server sends it. */
export type Problem = { code: string; title: string; detail: string; errors?: { path: string; message: string }[] };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail || problem.title);
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  // No Content-Type without a body: Fastify rejects an empty body declared as JSON.
  const init: RequestInit = { method, credentials: 'include', headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  const res = await fetch(`/api/v1${path}`, init);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const json = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const p = (json ?? {}) as Partial<Problem>;
    throw new ApiError(res.status, { code: p.code ?? 'HTTP_ERROR', title: p.title ?? res.statusText, detail: p.detail ?? `request failed (${res.status})`, errors: p.errors });
  }
  return json as T;
}

export const api = {
  /** The signed-in user, or null when the session is missing or expired. */
  async me(): Promise<User | null> {
    try {
      return await call<User>('GET', '/me');
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  signup: (input: { email: string; name: string; password: string }) => call<User>('POST', '/auth/signup', input),
  login: (input: { email: string; password: string }) => call<User>('POST', '/auth/login', input),
  logout: () => call<void>('POST', '/auth/logout'),
  workspaces: async () => (await call<{ data: Workspace[] }>('GET', '/workspaces')).data,
  createWorkspace: (name: string) => call<Workspace>('POST', '/workspaces', { name }),
};
