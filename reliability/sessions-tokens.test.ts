import { hashSecret, testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, buildWorkspace, call, type TestApp, type TestUser, testApp } from '../apps/server/src/test/harness';

/**
 * Sessions and API tokens (issue 3, "Sessions and tokens"). What invites.test.ts and
 * auth-rate-limit.test.ts already prove (single-use, revoked and email-bound links; the login rate
 * limits) is not repeated here: this file adds the server-side end of sessions and tokens, the
 * cookie attributes, and the invite cases those files lack (expiry on the signed-in path, the
 * exact expiry instant, a link raced by several people, a link reused across the two ways in).
 */
const DAY = 86_400_000;
const PASSWORD = 'correct horse battery';

/** Parses one Set-Cookie header into its value and attributes (names lower-cased). */
function parseSetCookie(header: unknown): { name: string; value: string; attrs: Record<string, string | true> } {
  const raw = Array.isArray(header) ? header.find((h) => String(h).startsWith('weft_session=')) : header;
  expect(raw, 'a weft_session Set-Cookie header').toBeTypeOf('string');
  const [pair, ...rest] = String(raw).split(';').map((s) => s.trim());
  const eq = pair.indexOf('=');
  const attrs: Record<string, string | true> = {};
  for (const a of rest) {
    const i = a.indexOf('=');
    attrs[(i < 0 ? a : a.slice(0, i)).toLowerCase()] = i < 0 ? true : a.slice(i + 1);
  }
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attrs };
}

const me = (t: TestApp, headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function login(t: TestApp, u: TestUser, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers, payload: { email: u.email, password: PASSWORD } });
}

async function newToken(t: TestApp, u: TestUser, body: Record<string, unknown> = {}): Promise<{ id: string; token: string }> {
  const res = await call(t, u, 'POST', '/api/v1/tokens', { name: 'script', ...body });
  expect(res.statusCode).toBe(201);
  return res.json();
}

describe.each(testDialects())('sessions and tokens on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
  });
  afterAll(async () => t.close());

  it('sets the session cookie HttpOnly, SameSite=Lax, Path=/, expiring with the session, and not Secure over http', async () => {
    const u = await buildUser(t);
    for (const res of [await login(t, u), await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email: `c-${u.email}`, name: 'C', password: PASSWORD } })]) {
      const c = parseSetCookie(res.headers['set-cookie']);
      expect(c.name).toBe('weft_session');
      expect(c.attrs.httponly).toBe(true);
      expect(String(c.attrs.samesite).toLowerCase()).toBe('lax');
      expect(c.attrs.path).toBe('/');
      expect(c.attrs.secure).toBeUndefined();
      expect(c.attrs.domain).toBeUndefined();
      expect(new Date(String(c.attrs.expires)).getTime()).toBe(Math.floor((t.clock.now().getTime() + 30 * DAY) / 1000) * 1000);
      // Only the hash is stored: the cookie value itself appears nowhere in the sessions table.
      const row = await t.deps.store.db.selectFrom('sessions').selectAll().where('id', '=', hashSecret(c.value)).executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain(c.value);
    }
  });

  it('ignores X-Forwarded-Proto unless the operator trusts the proxy (no Secure from a spoofed header)', async () => {
    const u = await buildUser(t);
    const res = await login(t, u, { 'x-forwarded-proto': 'https' });
    expect(parseSetCookie(res.headers['set-cookie']).attrs.secure).toBeUndefined();
  });

  it('opens a fresh session at every log-in and never adopts the cookie the client brings (no fixation)', async () => {
    const u = await buildUser(t);
    const a = parseSetCookie((await login(t, u, u.headers)).headers['set-cookie']).value;
    const b = parseSetCookie((await login(t, u, { cookie: `weft_session=${a}` })).headers['set-cookie']).value;
    expect(new Set([u.cookie.split('=')[1], a, b]).size).toBe(3);
    const planted = await login(t, u, { cookie: 'weft_session=attacker-chosen-value' });
    expect(parseSetCookie(planted.headers['set-cookie']).value).not.toBe('attacker-chosen-value');
    expect((await me(t, { cookie: 'weft_session=attacker-chosen-value' })).statusCode).toBe(401);
  });

  it('logout deletes the session row: the old cookie replayed is refused, other sessions live on', async () => {
    const u = await buildUser(t);
    const other = `weft_session=${parseSetCookie((await login(t, u)).headers['set-cookie']).value}`;
    const sid = hashSecret(u.cookie.slice('weft_session='.length));
    expect(await t.deps.store.db.selectFrom('sessions').select('id').where('id', '=', sid).executeTakeFirst()).toBeDefined();
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: u.headers });
    expect(out.statusCode).toBe(204);
    const cleared = parseSetCookie(out.headers['set-cookie']);
    expect(cleared.value).toBe('');
    expect(new Date(String(cleared.attrs.expires)).getTime()).toBeLessThan(Date.now());
    expect(await t.deps.store.db.selectFrom('sessions').select('id').where('id', '=', sid).executeTakeFirst()).toBeUndefined();
    // A client that ignores the clearing Set-Cookie (or an attacker who copied it) gets nothing.
    const replay = await me(t, u.headers);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('UNAUTHENTICATED');
    expect((await call(t, u, 'POST', '/api/v1/workspaces', { name: 'After logout' })).statusCode).toBe(401);
    expect((await me(t, { cookie: other })).statusCode).toBe(200);
    // Logging out twice, or without any cookie, is harmless.
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: u.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
  });

  it('a session ends at its expiry (30 days): refused at that instant and after, valid just before', async () => {
    const start = t.clock.now().toISOString();
    try {
      const u = await buildUser(t);
      t.clock.advance(30 * DAY - 1);
      expect((await me(t, u.headers)).statusCode).toBe(200);
      t.clock.advance(1);
      expect((await me(t, u.headers)).statusCode).toBe(401);
      const v = await buildUser(t);
      t.clock.advance(31 * DAY);
      expect((await me(t, v.headers)).statusCode).toBe(401);
      expect((await call(t, v, 'POST', '/api/v1/workspaces', { name: 'Late' })).statusCode).toBe(401);
    } finally {
      t.clock.set(start);
    }
  });

  it('stores tokens only as hashes: no column of api_tokens holds the secret, and lists never show it', async () => {
    const u = await buildUser(t);
    const tokens = [await newToken(t, u), await newToken(t, u, { readOnly: true }), await newToken(t, u, { expiresAt: '2027-01-01T00:00:00Z' })];
    const rows = await t.deps.store.db.selectFrom('api_tokens').selectAll().where('user_id', '=', u.id).execute();
    expect(rows).toHaveLength(3);
    const dump = JSON.stringify(rows);
    for (const { id, token } of tokens) {
      expect(token).toMatch(/^weft_[A-Za-z0-9_-]{32}$/);
      expect(dump).not.toContain(token);
      expect(dump).not.toContain(token.slice('weft_'.length));
      const row = rows.find((r) => r.id === id);
      expect(row?.token_hash).toBe(hashSecret(token));
      // The displayed prefix is 6 characters of the 32-character secret: a hint, not a credential.
      expect(row?.prefix).toBe(token.slice(0, 11));
    }
    const listed = await call(t, u, 'GET', '/api/v1/tokens');
    for (const { token } of tokens) expect(listed.body).not.toContain(token);
  });

  it('finds tokens by hash lookup only: the stored hash, a near miss or a changed case is no credential', async () => {
    const u = await buildUser(t);
    const { token } = await newToken(t, u);
    expect((await me(t, bearer(token))).statusCode).toBe(200);
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const sid = u.cookie.slice('weft_session='.length);
    const fakes = [
      hashSecret(token),
      `weft_${hashSecret(token)}`,
      flip(token, token.length - 1),
      flip(token, 'weft_'.length),
      token.slice(0, -1),
      `${token}x`,
      token.toUpperCase(),
      `weft_${token.slice(0, 11)}`,
      sid,
      '',
    ];
    for (const fake of fakes) expect({ fake, status: (await me(t, bearer(fake))).statusCode }).toEqual({ fake, status: 401 });
    // The same for sessions: the stored session hash replayed as a cookie opens nothing.
    expect((await me(t, { cookie: `weft_session=${hashSecret(sid)}` })).statusCode).toBe(401);
  });

  it('refuses a revoked token on the very next request, and only that token', async () => {
    const u = await buildUser(t);
    const ws = await buildWorkspace(t, u);
    const a = await newToken(t, u);
    const b = await newToken(t, u, { readOnly: true });
    expect((await call(t, { ...u, headers: bearer(a.token) }, 'GET', `/api/v1/workspaces/${ws.id}`)).statusCode).toBe(200);
    expect((await call(t, u, 'DELETE', `/api/v1/tokens/${a.id}`)).statusCode).toBe(200);
    const refused = await call(t, { ...u, headers: bearer(a.token) }, 'GET', `/api/v1/workspaces/${ws.id}`);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('UNAUTHENTICATED');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/workspaces', headers: bearer(a.token), payload: { name: 'X' } })).statusCode).toBe(401);
    // A valid session cookie sent alongside does not rescue a bad bearer token: the token decides.
    expect((await me(t, { ...bearer(a.token), cookie: u.cookie })).statusCode).toBe(401);
    expect((await me(t, bearer(b.token))).statusCode).toBe(200);
    expect((await me(t, u.headers)).statusCode).toBe(200);
    // A token may revoke itself (a leaked token's holder can kill it); it is dead at once.
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${b.id}`, headers: bearer(b.token) })).json().code).toBe('TOKEN_READ_ONLY');
    const c = await newToken(t, u);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${c.id}`, headers: bearer(c.token) })).statusCode).toBe(200);
    expect((await me(t, bearer(c.token))).statusCode).toBe(401);
    // Someone else cannot revoke it (404, not a hint that it exists).
    const stranger = await buildUser(t);
    expect((await call(t, stranger, 'DELETE', `/api/v1/tokens/${b.id}`)).json().code).toBe('TOKEN_NOT_FOUND');
    expect((await me(t, bearer(b.token))).statusCode).toBe(200);
  });

  it('refuses an expired token from its expiry instant on (injected clock)', async () => {
    const start = t.clock.now();
    try {
      const u = await buildUser(t);
      const expiresAt = new Date(start.getTime() + 3_600_000).toISOString();
      const { token } = await newToken(t, u, { expiresAt });
      expect((await me(t, bearer(token))).statusCode).toBe(200);
      t.clock.set(new Date(Date.parse(expiresAt) - 1));
      expect((await me(t, bearer(token))).statusCode).toBe(200);
      t.clock.set(expiresAt);
      expect((await me(t, bearer(token))).statusCode).toBe(401);
      t.clock.set(new Date(Date.parse(expiresAt) + 365 * DAY));
      expect((await me(t, bearer(token))).statusCode).toBe(401);
      // One created with an expiry already past is dead from birth.
      t.clock.set(start);
      const past = await newToken(t, u, { expiresAt: new Date(start.getTime() - 1000).toISOString() });
      expect((await me(t, bearer(past.token))).statusCode).toBe(401);
    } finally {
      t.clock.set(start);
    }
  });

  it('an expiring token cannot mint a longer-lived one, so a leak stays bounded', async () => {
    const u = await buildUser(t);
    const short = await newToken(t, u, { expiresAt: new Date(t.clock.now().getTime() + DAY).toISOString() });
    const minted = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer(short.token), payload: { name: 'forever' } });
    expect(minted.statusCode).toBe(201);
    expect(minted.json().expiresAt).toBe(new Date(t.clock.now().getTime() + DAY).toISOString());
  });
});

describe.each(testDialects())('the Secure cookie flag behind a trusted TLS proxy on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    // buildApp reads WEFT_TRUST_PROXY when it builds Fastify; set it only for that moment.
    const before = process.env.WEFT_TRUST_PROXY;
    process.env.WEFT_TRUST_PROXY = '1';
    try {
      t = await testApp(dialect);
    } finally {
      if (before === undefined) delete process.env.WEFT_TRUST_PROXY;
      else process.env.WEFT_TRUST_PROXY = before;
    }
  });
  afterAll(async () => t.close());

  it('marks the cookie Secure when the request came over https, and not when it came over http', async () => {
    const https = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { email: 'tls@example.test', name: 'TLS', password: PASSWORD },
    });
    expect(https.statusCode).toBe(201);
    const c = parseSetCookie(https.headers['set-cookie']);
    expect(c.attrs.secure).toBe(true);
    expect(c.attrs.httponly).toBe(true);
    expect(String(c.attrs.samesite).toLowerCase()).toBe('lax');
    const loggedIn = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-forwarded-proto': 'https' }, payload: { email: 'tls@example.test', password: PASSWORD } });
    expect(parseSetCookie(loggedIn.headers['set-cookie']).attrs.secure).toBe(true);
    const http = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-forwarded-proto': 'http' }, payload: { email: 'tls@example.test', password: PASSWORD } });
    expect(parseSetCookie(http.headers['set-cookie']).attrs.secure).toBeUndefined();
  });
});

describe.each(testDialects())('invite links: expiry and single use, the cases invites.test.ts leaves out, on %s', (dialect) => {
  let t: TestApp;
  let owner: TestUser;
  let wsId: string;
  const invite = async (body: Record<string, unknown> = {}) => {
    const res = await call(t, owner, 'POST', `/api/v1/workspaces/${wsId}/invites`, body);
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; token: string; expiresAt: string };
  };
  const accept = (u: TestUser | null, token: string) => call(t, u, 'POST', `/api/v1/invites/${token}/accept`);
  const isMember = async (userId: string) =>
    (await t.deps.store.db.selectFrom('members').select('role').where('workspace_id', '=', wsId).where('user_id', '=', userId).executeTakeFirst()) !== undefined;
  beforeAll(async () => {
    t = await testApp(dialect);
    owner = await buildUser(t);
    wsId = (await buildWorkspace(t, owner)).id;
  });
  afterAll(async () => t.close());

  it('a signed-in user cannot accept a link at or after its expiry instant, and gains nothing', async () => {
    const start = t.clock.now().toISOString();
    try {
      const link = await invite({ expiresInDays: 1 });
      expect(link.expiresAt).toBe(new Date(Date.parse(start) + DAY).toISOString());
      const early = await buildUser(t);
      const late = await buildUser(t);
      const events = async () => (await t.deps.store.db.selectFrom('events').select('id').where('type', '=', 'member.joined').execute()).length;
      const joinedBefore = await events();
      t.clock.set(link.expiresAt);
      const res = await accept(late, link.token);
      expect(res.json()).toMatchObject({ status: 410, code: 'INVITE_EXPIRED' });
      expect(await isMember(late.id)).toBe(false);
      expect(await events()).toBe(joinedBefore);
      t.clock.set(new Date(Date.parse(link.expiresAt) - 1));
      expect((await accept(early, link.token)).statusCode).toBe(200);
      expect(await isMember(early.id)).toBe(true);
    } finally {
      t.clock.set(start);
    }
  });

  it('a link used through the signed-in path cannot open a new account too (one use across both doors)', async () => {
    const link = await invite();
    expect((await accept(await buildUser(t), link.token)).statusCode).toBe(200);
    const signup = await call(t, null, 'POST', '/api/v1/auth/signup', { email: 'second-door@example.test', name: 'Second', password: PASSWORD, inviteToken: link.token });
    expect(signup.json()).toMatchObject({ status: 410, code: 'INVITE_EXPIRED' });
    // The whole sign-up rolled back: no account was left behind by the refused invite.
    expect(await t.deps.store.db.selectFrom('users').select('id').where('email', '=', 'second-door@example.test').executeTakeFirst()).toBeUndefined();
  });

  it('a link raced by eight people at once admits exactly one', async () => {
    const link = await invite();
    const people = await Promise.all(Array.from({ length: 8 }, () => buildUser(t)));
    const results = await Promise.all(people.map((p) => accept(p, link.token)));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200), `statuses ${statuses.join(',')}`).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 410 || s === 409)).toBe(true);
    const joined = [];
    for (const p of people) if (await isMember(p.id)) joined.push(p.id);
    expect(joined).toHaveLength(1);
  });
});
