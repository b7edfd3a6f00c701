import { hashSecret, testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, buildWorkspace, call, dbDigest, type TestApp, testApp } from '../test/harness';
import { buildCrew, type Crew, eventsOf, insertSpace, readOnly } from './people-config-fixtures';

const signupBody = (email: string, inviteToken?: string) => ({ email, name: 'New Person', password: 'correct horse battery', ...(inviteToken ? { inviteToken } : {}) });

describe.each(testDialects())('invites on %s', (dialect) => {
  let t: TestApp;
  let c: Crew;
  const url = (rest = '') => `/api/v1/workspaces/${c.wsId}/invites${rest}`;
  beforeAll(async () => {
    t = await testApp(dialect);
    c = await buildCrew(t);
  });
  afterAll(async () => t.close());

  it('creates a link (secret shown once, stored hashed) that a signed-in user accepts once', async () => {
    const res = await call(t, c.member, 'POST', url(), { role: 'member' });
    expect(res.statusCode).toBe(201);
    const { token, url: link, id } = res.json();
    expect(link).toBe(`http://${t.deps.config.host}:${t.deps.config.port}/invite/${token}`);
    const stored = await t.deps.store.db.selectFrom('invites').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(hashSecret(token));
    expect(stored.expires_at).toBe('2026-12-10T12:00:00.000Z');
    expect((await eventsOf(t, c.wsId, 'invite.created')).at(-1)?.data).toMatchObject({ inviteId: id, role: 'member' });
    const joiner = await buildUser(t);
    expect((await call(t, null, 'POST', `/api/v1/invites/${token}/accept`)).statusCode).toBe(401);
    const accepted = await call(t, joiner, 'POST', `/api/v1/invites/${token}/accept`);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({ workspaceId: c.wsId, role: 'member' });
    expect((await call(t, joiner, 'GET', `/api/v1/workspaces/${c.wsId}/members`)).statusCode).toBe(200);
    const again = await call(t, await buildUser(t), 'POST', `/api/v1/invites/${token}/accept`);
    expect(again.json()).toMatchObject({ status: 410, code: 'INVITE_EXPIRED' });
    expect((await call(t, joiner, 'POST', '/api/v1/invites/not-a-token/accept')).json().code).toBe('INVITE_NOT_FOUND');
  });

  it('builds links from the public URL when one is configured', async () => {
    const t2 = await testApp(dialect, { publicUrl: 'https://weft.example/' });
    try {
      const u = await buildUser(t2);
      const ws = await buildWorkspace(t2, u);
      const res = await call(t2, u, 'POST', `/api/v1/workspaces/${ws.id}/invites`, {});
      expect(res.json().url).toBe(`https://weft.example/invite/${res.json().token}`);
    } finally {
      await t2.close();
    }
  });

  it('lets nobody invite with a role stronger than their own, and guests not at all', async () => {
    const cases: Array<[keyof Crew, string, number]> = [
      ['owner', 'owner', 201],
      ['admin', 'owner', 403],
      ['admin', 'admin', 201],
      ['member', 'admin', 403],
      ['member', 'guest', 201],
      ['guest', 'guest', 403],
      ['outsider', 'guest', 404],
    ];
    for (const [who, role, status] of cases) {
      const res = await call(t, c[who] as Crew['owner'], 'POST', url(), { role });
      expect({ who, role, status: res.statusCode }).toEqual({ who, role, status });
    }
    expect((await call(t, null, 'POST', url(), { role: 'member' })).statusCode).toBe(401);
    expect((await call(t, await readOnly(t, c.owner), 'POST', url(), { role: 'member' })).json().code).toBe('TOKEN_READ_ONLY');
  });

  it('grants guests the invited spaces, and only spaces the inviter can see', async () => {
    const open = await insertSpace(t, c.wsId);
    const secret = await insertSpace(t, c.wsId, { visibility: 'members' });
    const foreign = await insertSpace(t, c.otherWsId);
    const before = await dbDigest(t);
    const hidden = await call(t, c.member, 'POST', url(), { role: 'guest', spaceIds: [open, secret] });
    expect(hidden.json()).toMatchObject({ status: 404, code: 'SPACE_NOT_FOUND', errors: [{ path: 'body.spaceIds.1' }] });
    expect((await call(t, c.owner, 'POST', url(), { role: 'guest', spaceIds: [foreign] })).json().code).toBe('SPACE_NOT_FOUND');
    expect(await dbDigest(t)).toBe(before);
    const res = await call(t, c.member, 'POST', url(), { role: 'guest', spaceIds: [open, open] });
    expect(res.json().spaceIds).toEqual([open]);
    const g = await buildUser(t);
    expect((await call(t, g, 'POST', `/api/v1/invites/${res.json().token}/accept`)).json()).toEqual({ workspaceId: c.wsId, role: 'guest' });
    const rows = await t.deps.store.db.selectFrom('space_members').select('space_id').where('user_id', '=', g.id).execute();
    expect(rows).toEqual([{ space_id: open }]);
  });

  it('shows admins every invite and others only their own', async () => {
    const mine = (await call(t, c.member, 'POST', url(), {})).json().id;
    const admins = await call(t, c.admin, 'GET', `${url()}?limit=200`);
    expect(admins.json().data.map((i: { id: string }) => i.id)).toContain(mine);
    expect(admins.json().data[0]).not.toHaveProperty('token');
    const members = await call(t, c.member, 'GET', `${url()}?limit=200`);
    const adminsInvite = (await call(t, c.admin, 'POST', url(), {})).json().id;
    const memberIds = (await call(t, c.member, 'GET', `${url()}?limit=200`)).json().data.map((i: { id: string }) => i.id);
    expect(memberIds).toContain(mine);
    expect(memberIds).not.toContain(adminsInvite);
    expect(members.statusCode).toBe(200);
    expect((await call(t, c.guest, 'GET', url())).json().data).toEqual([]);
    const paged = await call(t, c.owner, 'GET', `${url()}?limit=1`);
    expect(paged.json().nextCursor).toEqual(expect.any(String));
    expect((await call(t, c.outsider, 'GET', url())).statusCode).toBe(404);
    expect((await call(t, null, 'GET', url())).statusCode).toBe(401);
  });

  it('revokes links: the sender or an admin; a revoked link no longer admits anyone', async () => {
    const sent = (await call(t, c.member, 'POST', url(), {})).json();
    const other = (await call(t, c.admin, 'POST', url(), {})).json();
    expect((await call(t, c.member, 'DELETE', url(`/${other.id}`))).json().code).toBe('INVITE_NOT_FOUND');
    expect((await call(t, c.guest, 'DELETE', url(`/${sent.id}`))).statusCode).toBe(404);
    expect((await call(t, c.outsider, 'DELETE', url(`/${sent.id}`))).json().code).toBe('WORKSPACE_NOT_FOUND');
    expect((await call(t, null, 'DELETE', url(`/${sent.id}`))).statusCode).toBe(401);
    expect((await call(t, await readOnly(t, c.member), 'DELETE', url(`/${sent.id}`))).json().code).toBe('TOKEN_READ_ONLY');
    const revoked = await call(t, c.member, 'DELETE', url(`/${sent.id}`));
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).toBe(t.clock.now().toISOString());
    expect((await call(t, c.owner, 'DELETE', url(`/${other.id}`))).statusCode).toBe(200);
    expect((await call(t, c.owner, 'DELETE', url(`/${other.id}`))).statusCode).toBe(200);
    expect((await eventsOf(t, c.wsId, 'invite.revoked')).map((e) => e.data.inviteId)).toEqual([sent.id, other.id]);
    expect((await call(t, await buildUser(t), 'POST', `/api/v1/invites/${sent.token}/accept`)).json().code).toBe('INVITE_NOT_FOUND');
  });

  it('refuses bad input and writes nothing', async () => {
    const before = await dbDigest(t);
    for (const body of [{ role: 'king' }, { email: 'nope' }, { expiresInDays: 0 }, { expiresInDays: 91 }, { spaceIds: ['bad id'] }, { extra: 1 }]) {
      const res = await call(t, c.owner, 'POST', url(), body);
      expect({ body, status: res.statusCode, code: res.json().code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
    }
    expect(await dbDigest(t)).toBe(before);
  });
});

describe.each(testDialects())('invite-only sign-up on %s', (dialect) => {
  let t: TestApp;
  let c: Crew;
  beforeAll(async () => {
    t = await testApp(dialect, { signup: 'invite-only' });
    // Setup only: the people who send invites need accounts, which this server would not open.
    t.deps.config.signup = 'open';
    c = await buildCrew(t);
    t.deps.config.signup = 'invite-only';
  });
  afterAll(async () => t.close());
  const invite = async (body: object = {}) => (await call(t, c.admin, 'POST', `/api/v1/workspaces/${c.wsId}/invites`, body)).json();

  it('admits a new account only with a valid invite', async () => {
    expect((await call(t, null, 'POST', '/api/v1/auth/signup', signupBody('closed@example.test'))).json()).toMatchObject({ status: 403, code: 'SIGNUP_CLOSED' });
    const { token } = await invite({ role: 'guest' });
    const res = await call(t, null, 'POST', '/api/v1/auth/signup', signupBody('welcome@example.test', token));
    expect(res.statusCode).toBe(201);
    const m = await t.deps.store.db.selectFrom('members').select('role').where('workspace_id', '=', c.wsId).where('user_id', '=', res.json().id).executeTakeFirst();
    expect(m).toEqual({ role: 'guest' });
    const reuse = await call(t, null, 'POST', '/api/v1/auth/signup', signupBody('second@example.test', token));
    expect(reuse.json()).toMatchObject({ status: 410, code: 'INVITE_EXPIRED' });
    expect(await t.deps.store.db.selectFrom('users').select('id').where('email', '=', 'second@example.test').executeTakeFirst()).toBeUndefined();
  });

  it('refuses an expired invite and one bound to another address', async () => {
    const expiring = await invite({ expiresInDays: 1 });
    const bound = await invite({ email: 'Right@Example.test' });
    const wrong = await call(t, null, 'POST', '/api/v1/auth/signup', signupBody('wrong@example.test', bound.token));
    expect(wrong.json()).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await call(t, null, 'POST', '/api/v1/auth/signup', signupBody('right@example.test', bound.token))).statusCode).toBe(201);
    t.clock.advance(2 * 86_400_000);
    const late = await call(t, null, 'POST', '/api/v1/auth/signup', signupBody('late@example.test', expiring.token));
    expect(late.json()).toMatchObject({ status: 410, code: 'INVITE_EXPIRED' });
  });
});
