import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildUser, call, dbDigest, type TestApp, testApp } from '../test/harness';
import { buildCrew, type Crew, eventsOf, insertSpace, readOnly } from './people-config-fixtures';

describe.each(testDialects())('workspace members on %s', (dialect) => {
  let t: TestApp;
  let c: Crew;
  const url = (userId = '') => `/api/v1/workspaces/${c.wsId}/members${userId ? `/${userId}` : ''}`;
  const versionOf = async (userId: string) =>
    (await t.deps.store.db.selectFrom('members').select('version').where('workspace_id', '=', c.wsId).where('user_id', '=', userId).executeTakeFirstOrThrow()).version;
  beforeAll(async () => {
    t = await testApp(dialect);
    c = await buildCrew(t);
  });
  afterAll(async () => t.close());

  it('lists members a page at a time, to everyone in the workspace and nobody else', async () => {
    const first = await call(t, c.guest, 'GET', `${url()}?limit=2`);
    expect(first.statusCode).toBe(200);
    expect(first.json().data).toHaveLength(2);
    const next = await call(t, c.guest, 'GET', `${url()}?limit=2&cursor=${first.json().nextCursor}`);
    const all = [...first.json().data, ...next.json().data];
    expect(all.map((x: { role: string }) => x.role).sort()).toEqual(['admin', 'guest', 'member', 'owner']);
    expect(next.json().nextCursor).toBeNull();
    const ownerRow = all.find((x: { userId: string }) => x.userId === c.owner.id);
    expect(ownerRow).toMatchObject({ name: 'Olive Owner', email: c.owner.email, version: 1, abilities: { update: false, remove: false } });
    const asOwner = (await call(t, c.owner, 'GET', url())).json().data.find((x: { userId: string }) => x.userId === c.member.id);
    expect(asOwner.abilities).toEqual({ update: true, remove: true });
    expect((await call(t, c.outsider, 'GET', url())).json().code).toBe('WORKSPACE_NOT_FOUND');
    expect((await call(t, null, 'GET', url())).statusCode).toBe(401);
    expect((await call(t, c.owner, 'GET', `${url()}?limit=500`)).statusCode).toBe(400);
    const badCursor = await call(t, c.owner, 'GET', `${url()}?cursor=%25%25`);
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().errors[0].path).toBe('querystring.cursor');
  });

  it('changes roles by the role matrix: nobody touches a stronger role, only owners make owners', async () => {
    const target = await buildMember(t, c.wsId, 'member');
    const patch = async (actor: typeof c.owner, role: string) => call(t, actor, 'PATCH', url(target.id), { role, version: await versionOf(target.id) });
    expect((await patch(c.guest, 'guest')).statusCode).toBe(403);
    expect((await patch(c.member, 'guest')).statusCode).toBe(403);
    expect((await patch(c.admin, 'owner')).json().code).toBe('FORBIDDEN');
    const promoted = await patch(c.admin, 'admin');
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json()).toMatchObject({ role: 'admin', version: 2 });
    expect((await call(t, c.admin, 'PATCH', url(c.owner.id), { role: 'member', version: 1 })).statusCode).toBe(403);
    const owner = await patch(c.owner, 'owner');
    expect(owner.json()).toMatchObject({ role: 'owner', version: 3 });
    expect((await patch(c.admin, 'member')).statusCode).toBe(403);
    expect((await patch(c.owner, 'member')).json().role).toBe('member');
    const events = await eventsOf(t, c.wsId, 'member.role_changed');
    expect(events.filter((e) => e.data.userId === target.id).map((e) => `${e.data.from}->${e.data.to}`)).toEqual(['member->admin', 'admin->owner', 'owner->member']);
    expect((await call(t, c.outsider, 'PATCH', url(target.id), { role: 'guest', version: 4 })).json().code).toBe('WORKSPACE_NOT_FOUND');
    expect((await call(t, null, 'PATCH', url(target.id), { role: 'guest', version: 4 })).statusCode).toBe(401);
    const ro = await call(t, await readOnly(t, c.owner), 'PATCH', url(target.id), { role: 'guest', version: 4 });
    expect(ro.json()).toMatchObject({ status: 403, code: 'TOKEN_READ_ONLY' });
    expect((await call(t, c.owner, 'PATCH', url(c.outsider.id), { role: 'guest', version: 1 })).json().code).toBe('MEMBER_NOT_FOUND');
  });

  it('needs the current version: stale → 409 with the current record, missing → 428, If-Match works', async () => {
    const target = await buildMember(t, c.wsId, 'guest');
    expect((await call(t, c.admin, 'PATCH', url(target.id), { role: 'member' })).statusCode).toBe(428);
    const first = await t.app.inject({ method: 'PATCH', url: url(target.id), headers: { ...c.admin.headers, 'if-match': '"1"' }, payload: { role: 'member' } });
    expect(first.statusCode).toBe(200);
    const stale = await call(t, c.owner, 'PATCH', url(target.id), { role: 'admin', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { userId: target.id, role: 'member', version: 2 } });
  });

  it('refuses bad input with a problem document and writes nothing', async () => {
    const before = await dbDigest(t);
    for (const body of [{ role: 'king', version: 1 }, { role: 'member', version: 'one' }, { role: 'member', version: 1, extra: true }]) {
      const res = await call(t, c.owner, 'PATCH', url(c.member.id), body);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    expect((await call(t, c.owner, 'PATCH', `/api/v1/workspaces/${c.wsId}/members/bad%20id`, { role: 'member', version: 1 })).statusCode).toBe(400);
    expect(await dbDigest(t)).toBe(before);
  });

  it('never leaves a workspace without an owner', async () => {
    const owner = await buildUser(t);
    const wsRes = await call(t, owner, 'POST', '/api/v1/workspaces', { name: 'Solo' });
    const wsId = wsRes.json().id;
    const before = await dbDigest(t);
    const demote = await call(t, owner, 'PATCH', `/api/v1/workspaces/${wsId}/members/${owner.id}`, { role: 'admin', version: 1 });
    expect(demote.json()).toMatchObject({ status: 409, code: 'LAST_OWNER' });
    const leave = await call(t, owner, 'DELETE', `/api/v1/workspaces/${wsId}/members/${owner.id}`);
    expect(leave.json()).toMatchObject({ status: 409, code: 'LAST_OWNER' });
    expect(await dbDigest(t)).toBe(before);
    const second = await buildMember(t, wsId, 'owner');
    const ok = await call(t, owner, 'PATCH', `/api/v1/workspaces/${wsId}/members/${owner.id}`, { role: 'admin', version: 1 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ role: 'admin', abilities: { update: true, remove: true } });
    expect((await call(t, second, 'DELETE', `/api/v1/workspaces/${wsId}/members/${second.id}`)).json().code).toBe('LAST_OWNER');
  });

  it('lets only one of two owners demoting each other at once succeed', async () => {
    const a = await buildUser(t);
    const wsId = (await call(t, a, 'POST', '/api/v1/workspaces', { name: 'Duo' })).json().id;
    const b = await buildMember(t, wsId, 'owner');
    const [ra, rb] = await Promise.all([
      call(t, a, 'PATCH', `/api/v1/workspaces/${wsId}/members/${b.id}`, { role: 'member', version: 1 }),
      call(t, b, 'PATCH', `/api/v1/workspaces/${wsId}/members/${a.id}`, { role: 'member', version: 1 }),
    ]);
    // The loser is refused either as no longer an owner (403) or as about to remove the last one (409).
    const codes = [ra, rb].map((r) => r.statusCode).sort();
    expect(codes[0]).toBe(200);
    expect([403, 409]).toContain(codes[1]);
    const owners = await t.deps.store.db.selectFrom('members').select('user_id').where('workspace_id', '=', wsId).where('role', '=', 'owner').execute();
    expect(owners).toHaveLength(1);
  });

  it('removes members with their space and team memberships; anyone may leave', async () => {
    const target = await buildMember(t, c.wsId, 'member');
    const spaceId = await insertSpace(t, c.wsId, { visibility: 'members', memberIds: [target.id, c.member.id] });
    const team = await call(t, c.admin, 'POST', `/api/v1/workspaces/${c.wsId}/teams`, { name: 'Ops', memberIds: [target.id, c.member.id] });
    expect(team.statusCode).toBe(201);
    expect((await call(t, c.guest, 'DELETE', url(target.id))).statusCode).toBe(403);
    expect((await call(t, c.member, 'DELETE', url(target.id))).json().code).toBe('FORBIDDEN');
    expect((await call(t, c.admin, 'DELETE', url(c.owner.id))).statusCode).toBe(403);
    expect((await call(t, c.outsider, 'DELETE', url(target.id))).json().code).toBe('WORKSPACE_NOT_FOUND');
    expect((await call(t, null, 'DELETE', url(target.id))).statusCode).toBe(401);
    expect((await call(t, await readOnly(t, c.admin), 'DELETE', url(target.id))).json().code).toBe('TOKEN_READ_ONLY');
    expect((await call(t, c.admin, 'DELETE', url(target.id))).statusCode).toBe(204);
    const db = t.deps.store.db;
    expect(await db.selectFrom('space_members').select('user_id').where('space_id', '=', spaceId).execute()).toEqual([{ user_id: c.member.id }]);
    expect(await db.selectFrom('team_members').select('user_id').where('team_id', '=', team.json().id).execute()).toEqual([{ user_id: c.member.id }]);
    expect((await call(t, target, 'GET', url())).statusCode).toBe(404);
    expect((await call(t, c.admin, 'DELETE', url(target.id))).json().code).toBe('MEMBER_NOT_FOUND');
    const leaver = await buildMember(t, c.wsId, 'guest');
    expect((await call(t, leaver, 'DELETE', url(leaver.id))).statusCode).toBe(204);
    const removed = await eventsOf(t, c.wsId, 'member.removed');
    expect(removed.map((e) => [e.data.userId, e.data.left])).toEqual([
      [target.id, false],
      [leaver.id, true],
    ]);
  });
});
