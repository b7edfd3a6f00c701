import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, buildWorkspace, call, type TestApp, testApp } from '../test/harness';

describe.each(testDialects())('auth and workspaces on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
  });
  afterAll(async () => t.close());

  it('signs up, reads /me with the session cookie, logs out', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email: 'Ana@Example.test', name: 'Ana', password: 'correct horse battery' } });
    expect(res.statusCode).toBe(201);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/);
    const cookie = setCookie.split(';')[0];
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ email: 'ana@example.test', name: 'Ana' });
    expect(me.json()).not.toHaveProperty('password_hash');
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('refuses a duplicate email and a wrong password with stable codes', async () => {
    const u = await buildUser(t);
    const dup = await call(t, null, 'POST', '/api/v1/auth/signup', { email: u.email, name: 'X', password: 'another password' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('EMAIL_TAKEN');
    const bad = await call(t, null, 'POST', '/api/v1/auth/login', { email: u.email, password: 'wrong password' });
    expect(bad.statusCode).toBe(401);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', status: 401 });
    const ok = await call(t, null, 'POST', '/api/v1/auth/login', { email: u.email.toUpperCase(), password: 'correct horse battery' });
    expect(ok.statusCode).toBe(200);
  });

  it('issues API tokens that are shown once, hashed, revocable and optionally read-only', async () => {
    const u = await buildUser(t);
    const created = await call(t, u, 'POST', '/api/v1/tokens', { name: 'ci', readOnly: true });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^weft_/);
    const stored = await t.deps.store.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer })).statusCode).toBe(200);
    const write = await t.app.inject({ method: 'POST', url: '/api/v1/workspaces', headers: bearer, payload: { name: 'Nope' } });
    expect(write.statusCode).toBe(403);
    expect(write.json().code).toBe('TOKEN_READ_ONLY');
    const list = await call(t, u, 'GET', '/api/v1/tokens');
    expect(list.json().data[0]).not.toHaveProperty('token');
    expect((await call(t, u, 'DELETE', `/api/v1/tokens/${id}`)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer })).statusCode).toBe(401);
  });

  it('refuses cross-site cookie writes', async () => {
    const u = await buildUser(t);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/workspaces', headers: { ...u.headers, origin: 'https://evil.example' }, payload: { name: 'X' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_REJECTED');
  });

  it('creates and lists workspaces; another user cannot see them', async () => {
    const a = await buildUser(t);
    const b = await buildUser(t);
    const ws = await buildWorkspace(t, a, 'Acme Ops');
    const list = await call(t, a, 'GET', '/api/v1/workspaces');
    expect(list.json().data.map((w: { id: string }) => w.id)).toContain(ws.id);
    expect((await call(t, b, 'GET', `/api/v1/workspaces/${ws.id}`)).statusCode).toBe(404);
    expect((await call(t, null, 'GET', `/api/v1/workspaces/${ws.id}`)).statusCode).toBe(401);
  });

  it('updates a workspace only from the current version', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const first = await call(t, a, 'PATCH', `/api/v1/workspaces/${ws.id}`, { name: 'One', version: 1 });
    const second = await call(t, a, 'PATCH', `/api/v1/workspaces/${ws.id}`, { name: 'Two', version: 1 });
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { name: 'One', version: 2 } });
    const missing = await call(t, a, 'PATCH', `/api/v1/workspaces/${ws.id}`, { name: 'Three' });
    expect(missing.statusCode).toBe(428);
  });

  it('rejects bad input with a problem document naming the field', async () => {
    const res = await call(t, null, 'POST', '/api/v1/auth/signup', { email: 'not-an-email', name: '', password: 'x', extra: 1 });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.email']));
    expect(body.requestId).toBeTruthy();
  });
});

describe('security headers and Secure cookies', () => {
  it('sends CSP and nosniff, and marks the cookie Secure when the public URL is https', async () => {
    const t = await testApp('sqlite', { publicUrl: 'https://weft.example.com' });
    try {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email: 'sec@example.test', name: 'Sec', password: 'correct horse battery' } });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(String(res.headers['content-security-policy'])).toContain("default-src 'none'"); // the API set (a JSON answer)
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
      const page = await t.app.inject({ method: 'GET', url: '/' });
      expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    } finally {
      await t.close();
    }
  });
});
