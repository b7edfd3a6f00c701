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

  it('are sent on a success, a 401, a 404 route, a problem document and a write', async () => {
    const u = await buildUser(t);
    const answers = [
      await t.app.inject({ method: 'GET', url: '/healthz' }),
      await t.app.inject({ method: 'GET', url: '/api/v1/me' }),
      await t.app.inject({ method: 'GET', url: '/api/v1/no-such-route' }),
      await call(t, u, 'GET', '/api/v1/items/nope'),
      await call(t, u, 'POST', '/api/v1/workspaces', { name: 'Headers' }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 401, 404, 404, 201]);
    for (const r of answers) expect(pick(r.headers)).toEqual(expected);
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
