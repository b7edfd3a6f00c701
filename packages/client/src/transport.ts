import { type ProblemDocument, WeftApiError, WeftNetworkError } from './errors';

export type ClientOptions = {
  /** The server's address, e.g. `http://127.0.0.1:3000` (the `/api/v1` prefix is added). */
  baseUrl: string;
  /** A personal API token, sent as `Authorization: Bearer` (programs and the CLI). */
  token?: string;
  /** A session cookie (`weft_session=…`) for Node callers; browsers send theirs with `credentials`. */
  cookie?: string;
  /** Browsers: `'include'` so the session cookie travels with each request. */
  credentials?: RequestCredentials;
  fetch?: typeof fetch;
  headers?: Record<string, string>;
};

export type QueryValue = string | number | boolean | undefined | null;
export type RequestOptions = {
  body?: unknown;
  query?: Record<string, QueryValue>;
  /** The version the change is based on, sent as `If-Match`. */
  ifMatch?: number;
};

/** The answer with its headers, for the few callers that need them (login's session cookie). */
export type RawResponse<T> = { data: T; status: number; headers: Headers };

export type Transport = {
  request<T>(method: string, path: string, opts?: RequestOptions): Promise<T>;
  requestRaw<T>(method: string, path: string, opts?: RequestOptions): Promise<RawResponse<T>>;
};

/** Builds the one request function every typed method goes through. */
export function createTransport(options: ClientOptions): Transport {
  const root = options.baseUrl.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function requestRaw<T>(method: string, path: string, opts: RequestOptions = {}): Promise<RawResponse<T>> {
    const url = `${root}/api/v1${path}${queryString(opts.query)}`;
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.cookie) headers.cookie = options.cookie;
    if (opts.ifMatch !== undefined) headers['if-match'] = `"${opts.ifMatch}"`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(url, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        ...(options.credentials ? { credentials: options.credentials } : {}),
      });
    } catch (e) {
      throw new WeftNetworkError(root, e);
    }
    const text = await res.text();
    if (!res.ok) throw new WeftApiError(res.status, parseProblem(text), text.slice(0, 200) || res.statusText);
    const data = (text === '' ? undefined : JSON.parse(text)) as T;
    return { data, status: res.status, headers: res.headers };
  }

  return {
    requestRaw,
    request: async <T>(method: string, path: string, opts?: RequestOptions) => (await requestRaw<T>(method, path, opts)).data,
  };
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** A problem document when the body is one; null for anything else (a proxy's HTML page...). */
function parseProblem(text: string): ProblemDocument | null {
  try {
    const v = JSON.parse(text) as Partial<ProblemDocument>;
    return v && typeof v === 'object' && typeof v.code === 'string' ? (v as ProblemDocument) : null;
  } catch {
    return null;
  }
}

/** Encodes one path segment (ids, keys, invite tokens). */
export const seg = (s: string): string => encodeURIComponent(s);
