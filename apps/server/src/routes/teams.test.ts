import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, dbDigest, type TestApp, testApp } from '../test/harness';
import { buildCrew, type Crew, eventsOf, readOnly } from './people-config-fixtures';

describe.each(testDialects())('teams on %s', (dialect) => {
  let t: TestApp;
  let c: Crew;
  const list = () => `/api/v1/workspaces/${c.wsId}/teams`;
  const newTeam = async (name = 'Ops', memberIds: string[] = []) => (await call(t, c.admin, 'POST', list(), { name, memberIds })).json();
  beforeAll(async () => {
    t = await testApp(dialect);
    c = await buildCrew(t);
  });
  afterAll(async () => t.close());

  it('forms, lists, changes and disbands a team, with an event for each', async () => {
    const created = await call(t, c.owner, 'POST', list(), { name: 'Support', memberIds: [c.member.id, c.guest.id, c.member.id] });
    expect(created.statusCode).toBe(201);
    const team = created.json();
    expect(team).toMatchObject({ name: 'Support', workspaceId: c.wsId, version: 1, abilities: { update: true, delete: true } });
    expect(team.memberIds).toEqual([c.member.id, c.guest.id].sort());
    const seen = await call(t, c.guest, 'GET', list());
    expect(seen.json().data.find((x: { id: string }) => x.id === team.id)).toMatchObject({ name: 'Support', abilities: { update: false, delete: false } });
    const changed = await call(t, c.admin, 'PATCH', `/api/v1/teams/${team.id}`, { name: 'Support EU', memberIds: [c.admin.id], version: 1 });
    expect(changed.json()).toMatchObject({ name: 'Support EU', memberIds: [c.admin.id], version: 2 });
    const renamed = await call(t, c.admin, 'PATCH', `/api/v1/teams/${team.id}`, { name: 'Support', version: 2 });
    expect(renamed.json()).toMatchObject({ memberIds: [c.admin.id], version: 3 });
    expect((await call(t, c.admin, 'DELETE', `/api/v1/teams/${team.id}`)).statusCode).toBe(204);
    expect(await t.deps.store.db.selectFrom('team_members').selectAll().where('team_id', '=', team.id).execute()).toEqual([]);
    expect((await call(t, c.admin, 'PATCH', `/api/v1/teams/${team.id}`, { name: 'X', version: 3 })).json().code).toBe('TEAM_NOT_FOUND');
    for (const type of ['team.created', 'team.updated', 'team.deleted']) {
      expect((await eventsOf(t, c.wsId, type)).some((e) => e.data.teamId === team.id)).toBe(true);
    }
  });

  it('paginates the list', async () => {
    await newTeam('A');
    await newTeam('B');
    const first = await call(t, c.member, 'GET', `${list()}?limit=1`);
    const second = await call(t, c.member, 'GET', `${list()}?limit=1&cursor=${first.json().nextCursor}`);
    expect(second.json().data[0].id).not.toBe(first.json().data[0].id);
  });

  it('accepts only workspace members, naming the stranger, and writes nothing otherwise', async () => {
    const before = await dbDigest(t);
    const res = await call(t, c.admin, 'POST', list(), { name: 'Mixed', memberIds: [c.member.id, c.outsider.id] });
    expect(res.json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ path: 'body.memberIds.1' }] });
    for (const body of [{ name: '' }, { name: 'x'.repeat(201) }, { name: 'Ok', memberIds: 'nope' }, { name: 'Ok', color: 'red' }]) {
      expect((await call(t, c.admin, 'POST', list(), body)).statusCode).toBe(400);
    }
    expect(await dbDigest(t)).toBe(before);
    const team = await newTeam();
    const bad = await call(t, c.admin, 'PATCH', `/api/v1/teams/${team.id}`, { memberIds: [c.outsider.id], version: 1 });
    expect(bad.json().errors[0].path).toBe('body.memberIds.0');
  });

  it('needs the current version', async () => {
    const team = await newTeam();
    expect((await call(t, c.admin, 'PATCH', `/api/v1/teams/${team.id}`, { name: 'No version' })).statusCode).toBe(428);
    await call(t, c.admin, 'PATCH', `/api/v1/teams/${team.id}`, { name: 'One', version: 1 });
    const stale = await call(t, c.owner, 'PATCH', `/api/v1/teams/${team.id}`, { name: 'Two', version: 1 });
    expect(stale.json()).toMatchObject({ status: 409, code: 'VERSION_CONFLICT', current: { name: 'One', version: 2 } });
  });

  it('follows the role matrix: admins and owners manage teams', async () => {
    for (const [who, status] of [['owner', 201], ['admin', 201], ['member', 403], ['guest', 403], ['outsider', 404]] as const) {
      expect({ who, status: (await call(t, c[who], 'POST', list(), { name: `By ${who}` })).statusCode }).toEqual({ who, status });
    }
    const team = await newTeam();
    for (const [who, status] of [['member', 403], ['guest', 403], ['outsider', 404]] as const) {
      expect({ who, status: (await call(t, c[who], 'PATCH', `/api/v1/teams/${team.id}`, { name: 'X', version: 1 })).statusCode }).toEqual({ who, status });
      expect({ who, status: (await call(t, c[who], 'DELETE', `/api/v1/teams/${team.id}`)).statusCode }).toEqual({ who, status });
    }
    expect((await call(t, c.outsider, 'GET', list())).json().code).toBe('WORKSPACE_NOT_FOUND');
    expect((await call(t, c.outsider, 'DELETE', `/api/v1/teams/${team.id}`)).json().code).toBe('TEAM_NOT_FOUND');
    for (const [method, url] of [['GET', list()], ['POST', list()], ['PATCH', `/api/v1/teams/${team.id}`], ['DELETE', `/api/v1/teams/${team.id}`]]) {
      expect((await call(t, null, method, url, method === 'GET' || method === 'DELETE' ? undefined : { name: 'X', version: 1 })).statusCode).toBe(401);
    }
    const ro = await readOnly(t, c.owner);
    expect((await call(t, ro, 'GET', list())).statusCode).toBe(200);
    expect((await call(t, ro, 'POST', list(), { name: 'RO' })).json().code).toBe('TOKEN_READ_ONLY');
    expect((await call(t, ro, 'PATCH', `/api/v1/teams/${team.id}`, { name: 'RO', version: 1 })).json().code).toBe('TOKEN_READ_ONLY');
    expect((await call(t, ro, 'DELETE', `/api/v1/teams/${team.id}`)).json().code).toBe('TOKEN_READ_ONLY');
  });
});
