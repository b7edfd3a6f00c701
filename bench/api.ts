/** A thin JSON-over-HTTP client for setting the bench up through the public API. */
/** What the bench reads from raw answers: problem documents and list pages. */
export type RawBody = { code?: string; data?: unknown[]; nextCursor?: string | null } | null;

export type Api = {
  url: string;
  headers: Record<string, string>;
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** like call, but returns status and body instead of throwing on a non-2xx answer */
  raw(method: string, path: string, body?: unknown): Promise<{ status: number; body: RawBody; bytes: number }>;
};

export function api(url: string, headers: Record<string, string> = {}): Api {
  const raw: Api['raw'] = async (method, path, body) => {
    const res = await fetch(url + path, {
      method,
      headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    let parsed: RawBody = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = { code: `not JSON: ${text.slice(0, 100)}` };
    }
    return { status: res.status, body: parsed, bytes: Buffer.byteLength(text) };
  };
  return {
    url,
    headers,
    raw,
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const r = await raw(method, path, body);
      if (r.status < 200 || r.status >= 300) throw new Error(`${method} ${path} → ${r.status}: ${JSON.stringify(r.body).slice(0, 500)}`);
      // The caller names the answer's shape; these are the API's own documented responses.
      return r.body as T;
    },
  };
}

export type Space = { id: string; key: string; statuses: Array<{ id: string; name: string; category: string }> };
export type Setup = { api: Api; userId: string; token: string; workspaceId: string };

/**
 * Signs up, mints an API token (every later request sends it as `Bearer`, as programs do) and
 * creates a workspace.
 */
export async function setup(url: string, workspaceName: string): Promise<Setup> {
  const email = `bench-${Date.now()}@example.test`;
  const res = await fetch(`${url}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, name: 'Bench Runner', password: 'bench-password-1234' }),
  });
  const user = (await res.json()) as { id: string };
  if (res.status !== 201) throw new Error(`signup → ${res.status}: ${JSON.stringify(user)}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const { token } = await api(url, { cookie }).call<{ token: string }>('POST', '/api/v1/tokens', { name: 'bench' });
  const client = api(url, { authorization: `Bearer ${token}` });
  const ws = await client.call<{ id: string }>('POST', '/api/v1/workspaces', { name: workspaceName });
  return { api: client, userId: user.id, token, workspaceId: ws.id };
}

export function createSpace(s: Setup, key: string, name: string): Promise<Space> {
  return s.api.call<Space>('POST', `/api/v1/workspaces/${s.workspaceId}/spaces`, { key, name, kind: 'stream' });
}
