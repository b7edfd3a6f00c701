import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildItem, buildSpace } from '../test/factories';
import { buildUser, buildWorkspace, call, dbDigest, type TestApp, testApp } from '../test/harness';

/**
 * Inputs the fuzzer (reliability/fuzz.test.ts) once answered with a 500 or with Fastify's own JSON
 * instead of a problem document; each is pinned here so it cannot come back.
 */
const api = '/api/v1';

describe.each(testDialects())('edge input on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
  });
  afterAll(async () => t.close());

  async function world() {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const s = await buildSpace(t, a, ws.id);
    const item = await buildItem(t, a, s.id);
    return { a, ws, s, item };
  }

  const problem = (res: { statusCode: number; headers: Record<string, unknown>; body: string }) => {
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    return JSON.parse(res.body) as { code: string; status: number; errors?: Array<{ path: string }> };
  };

  it('an If-Match of 0 or beyond the largest version is a 400, not a 500', async () => {
    const { a, item } = await world();
    for (const v of ['"0"', '"2147483648"', '"99999999999999999999999"']) {
      const before = await dbDigest(t);
      const res = await t.app.inject({ method: 'PATCH', url: `${api}/items/${item.id}`, headers: { ...a.headers, 'if-match': v }, payload: { title: 'x' } });
      expect(res.statusCode, v).toBe(400);
      expect(problem(res).errors?.[0].path).toBe('headers.if-match');
      expect(await dbDigest(t)).toBe(before);
    }
  });

  it('a body version beyond int4 is a 400 on both databases (not a PostgreSQL range error)', async () => {
    const { a, ws } = await world();
    const label = (await call(t, a, 'POST', `${api}/workspaces/${ws.id}/labels`, { name: 'big' })).json();
    for (const version of [2 ** 31, 2 ** 31 - 1]) {
      const res = await call(t, a, 'PATCH', `${api}/labels/${label.id}`, { version, name: 'bigger' });
      expect(res.statusCode).toBe(400);
      expect(problem(res).code).toBe('VALIDATION_FAILED');
    }
    const ok = await call(t, a, 'PATCH', `${api}/labels/${label.id}`, { version: 2 ** 31 - 2, name: 'bigger' });
    expect(ok.statusCode).toBe(409);
  });

  it('U+0000 anywhere in a body, a query string or a path is a 400 naming where, on both databases', async () => {
    const { a, ws, s, item } = await world();
    const before = await dbDigest(t);
    const cases = [
      call(t, a, 'POST', `${api}/spaces/${s.id}/items`, { title: 'a\u0000b' }),
      call(t, a, 'POST', `${api}/items/${item.id}/comments`, { body: 'x\u0000' }),
      call(t, a, 'POST', `${api}/workspaces/${ws.id}/labels`, { name: '\u0000' }),
      call(t, a, 'GET', `${api}/workspaces/${ws.id}/items?q=a%00b`),
      call(t, a, 'GET', `${api}/items/a%00b`),
    ];
    const paths = [];
    for (const res of await Promise.all(cases)) {
      expect(res.statusCode, res.body).toBe(400);
      const p = problem(res);
      expect(p.code).toBe('VALIDATION_FAILED');
      paths.push(p.errors?.[0].path);
    }
    expect(paths).toEqual(['body.title', 'body.body', 'body.name', 'querystring.q', 'params.id']);
    expect(await dbDigest(t)).toBe(before);
  });

  it('a malformed %-escape or an over-long id in the path answers a problem document', async () => {
    const { a } = await world();
    const bad = await t.app.inject({ method: 'GET', url: `${api}/items/%zz`, headers: a.headers });
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).code).toBe('BAD_REQUEST');
    const long = await t.app.inject({ method: 'GET', url: `${api}/items/${'x'.repeat(201)}`, headers: a.headers });
    expect(long.statusCode).toBe(414);
    expect(problem(long).code).toBe('URI_TOO_LONG');
  });
});
