import { describe, expect, it } from 'vitest';
import { createClient } from './client';
import { WeftApiError, WeftNetworkError } from './errors';
import { collect, paginate } from './paginate';

type Seen = { url: string; init: RequestInit };

/** A fetch that records each call and answers from a list of responses. */
function fakeFetch(...answers: Array<Response | Error>) {
  const seen: Seen[] = [];
  const fn = (async (url: string | URL | Request, init: RequestInit = {}) => {
    seen.push({ url: String(url), init });
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    if (next instanceof Error) throw next;
    return next;
  }) as typeof fetch;
  return { fn, seen };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const problem = (status: number, body: Record<string, unknown>) =>
  new Response(JSON.stringify({ type: 'x', title: 't', status, requestId: 'req-1', ...body }), { status, headers: { 'content-type': 'application/problem+json' } });

describe('createClient', () => {
  it('sends the bearer token, JSON body, If-Match and query to /api/v1', async () => {
    const f = fakeFetch(json({ id: 'i1' }), json({ data: [], nextCursor: null, group: null }), json({ id: 'i1' }));
    const c = createClient({ baseUrl: 'http://h:3000/', token: 'wft_secret', fetch: f.fn });
    await c.items.update('OPS-1', { version: 3, title: 'x' });
    await c.items.query('w1', { q: 'assignee:me is:open', limit: 10, cursor: undefined });
    await c.items.remove('OPS-1', 4);
    expect(f.seen[0].url).toBe('http://h:3000/api/v1/items/OPS-1');
    expect(f.seen[0].init.method).toBe('PATCH');
    expect(f.seen[0].init.body).toBe('{"version":3,"title":"x"}');
    const h0 = f.seen[0].init.headers as Record<string, string>;
    expect(h0.authorization).toBe('Bearer wft_secret');
    expect(h0['content-type']).toBe('application/json');
    expect(f.seen[1].url).toBe('http://h:3000/api/v1/workspaces/w1/items?q=assignee%3Ame+is%3Aopen&limit=10');
    expect((f.seen[2].init.headers as Record<string, string>)['if-match']).toBe('"4"');
  });

  it('does not double the prefix and passes credentials for browsers', async () => {
    const f = fakeFetch(json({ data: [] }));
    const c = createClient({ baseUrl: 'https://weft.example/api/v1', credentials: 'include', fetch: f.fn });
    await c.workspaces.list();
    expect(f.seen[0].url).toBe('https://weft.example/api/v1/workspaces');
    expect(f.seen[0].init.credentials).toBe('include');
    expect((f.seen[0].init.headers as Record<string, string>).authorization).toBeUndefined();
  });

  it('returns the session cookie from login where it is readable', async () => {
    const f = fakeFetch(json({ id: 'u1', email: 'a@b.c' }, 200, { 'set-cookie': 'weft_session=abc123; Path=/; HttpOnly' }));
    const r = await createClient({ baseUrl: 'http://h', fetch: f.fn }).auth.login({ email: 'a@b.c', password: 'pw' });
    expect(r.user.id).toBe('u1');
    expect(r.cookie).toBe('weft_session=abc123');
  });

  it('throws WeftApiError with the problem fields', async () => {
    const f = fakeFetch(
      problem(400, { code: 'QUERY_INVALID', detail: 'unknown field "frob"', position: 7 }),
      problem(400, { code: 'VALIDATION_FAILED', detail: 'body.title: too short', errors: [{ path: 'body.title', message: 'too short' }] }),
      problem(409, { code: 'VERSION_CONFLICT', detail: 'stale', current: { version: 5 } }),
    );
    const c = createClient({ baseUrl: 'http://h', fetch: f.fn });
    const e1 = await c.items.query('w', { q: 'x frob:1' }).catch((e) => e);
    expect(e1).toBeInstanceOf(WeftApiError);
    expect(e1).toMatchObject({ code: 'QUERY_INVALID', status: 400, position: 7, requestId: 'req-1', detail: 'unknown field "frob"' });
    const e2 = await c.items.create('s', { title: '' }).catch((e) => e);
    expect(e2.fields).toEqual([{ path: 'body.title', message: 'too short' }]);
    const e3 = await c.items.update('k', { version: 1 }).catch((e) => e);
    expect(e3).toMatchObject({ code: 'VERSION_CONFLICT', status: 409, current: { version: 5 } });
  });

  it('maps an answer that is no problem document to HTTP_<status>', async () => {
    const f = fakeFetch(new Response('<html>bad gateway</html>', { status: 502 }));
    const e = await createClient({ baseUrl: 'http://h', fetch: f.fn }).me.get().catch((x) => x);
    expect(e).toMatchObject({ name: 'WeftApiError', code: 'HTTP_502', status: 502 });
  });

  it('wraps a refused connection in WeftNetworkError', async () => {
    const f = fakeFetch(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));
    const e = await createClient({ baseUrl: 'http://127.0.0.1:9', fetch: f.fn }).me.get().catch((x) => x);
    expect(e).toBeInstanceOf(WeftNetworkError);
    expect(e.message).toContain('ECONNREFUSED');
  });

  it('answers undefined for 204', async () => {
    const f = fakeFetch(new Response(null, { status: 204 }));
    expect(await createClient({ baseUrl: 'http://h', fetch: f.fn }).auth.logout()).toBeUndefined();
  });
});

describe('paginate', () => {
  it('follows nextCursor until null', async () => {
    const pages: Record<string, { data: number[]; nextCursor: string | null }> = {
      start: { data: [1, 2], nextCursor: 'c2' },
      c2: { data: [3], nextCursor: 'c3' },
      c3: { data: [], nextCursor: null },
    };
    const asked: Array<string | undefined> = [];
    const got: number[] = [];
    for await (const n of paginate(async (cursor) => {
      asked.push(cursor);
      return pages[cursor ?? 'start'];
    })) got.push(n);
    expect(got).toEqual([1, 2, 3]);
    expect(asked).toEqual([undefined, 'c2', 'c3']);
    expect(await collect(async (cursor) => pages[cursor ?? 'start'])).toEqual([1, 2, 3]);
  });
});
