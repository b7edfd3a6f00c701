import helmetPlugin from '@fastify/helmet';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, call, type TestApp, testApp } from '../test/harness';
import { HELMET_OPTIONS, mergesDirectly } from './security-headers';

const SECURITY = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-powered-by',
  'x-xss-protection',
];
const pick = (h: Record<string, unknown>) => Object.fromEntries(SECURITY.map((k) => [k, h[k]]));

/**
 * The headers are computed once (auth/security-headers.ts) instead of by @fastify/helmet per
 * request: they must be exactly what the plugin sent with the same options, on every kind of answer.
 */
describe('security headers', () => {
  let t: TestApp;
  let expected: Record<string, unknown>;
  beforeAll(async () => {
    t = await testApp('sqlite');
    const ref = Fastify();
    // helmet's cjs and esm type declarations are distinct types of the same options object
    await ref.register(helmetPlugin, HELMET_OPTIONS as never);
    ref.get('/', async () => ({ ok: true }));
    expected = pick((await ref.inject({ method: 'GET', url: '/' })).headers);
    await ref.close();
  });
  afterAll(async () => t.close());

  it('are the ones @fastify/helmet sends with the same options', () => {
    expect(expected['content-security-policy']).toContain("default-src 'self'");
    expect(expected['content-security-policy']).toContain("connect-src 'self'");
    expect(expected['x-content-type-options']).toBe('nosniff');
    expect(expected['x-powered-by']).toBeUndefined();
  });

  it('pages and files get exactly those', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/some/page' });
    expect(pick(page.headers)).toEqual(expected);
  });

  it('JSON answers of the API get the API set on a success, a 401, a 404 route, a problem document, a write and a cached read', async () => {
    const u = await buildUser(t);
    const ws = (await call(t, u, 'POST', '/api/v1/workspaces', { name: 'Headers' })).json();
    const space = (await call(t, u, 'POST', `/api/v1/workspaces/${ws.id}/spaces`, { name: 'Hdr', key: 'HDR' })).json();
    const item = (await call(t, u, 'POST', `/api/v1/spaces/${space.id}/items`, { title: 'x' })).json();
    const answers = [
      await t.app.inject({ method: 'GET', url: '/healthz' }),
      await t.app.inject({ method: 'GET', url: '/api/v1/me' }),
      await t.app.inject({ method: 'GET', url: '/api/v1/no-such-route' }),
      await call(t, u, 'GET', '/api/v1/items/nope'),
      await call(t, u, 'POST', '/api/v1/workspaces', { name: 'Headers 2' }),
      await call(t, u, 'GET', `/api/v1/items/${item.id}`),
      await call(t, u, 'GET', `/api/v1/items/${item.id}`),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 401, 404, 404, 201, 200, 200]);
    const api = {
      ...Object.fromEntries(SECURITY.map((k) => [k, undefined])),
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'cross-origin-resource-policy': 'same-origin',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    };
    for (const r of answers) expect(pick(r.headers)).toEqual(api);
  });

  it('are merged straight into Fastify\'s header object (its internal symbol is still where it was)', async () => {
    const app = Fastify();
    let direct: boolean | null = null;
    app.get('/', async (_req, reply) => {
      direct = mergesDirectly(reply);
      return {};
    });
    await app.inject({ method: 'GET', url: '/' });
    await app.close();
    expect(direct).toBe(true);
  });
});
