import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, dbDigest, type TestApp, testApp, type TestUser } from '../test/harness';
import { buildCrew, type Crew, eventsOf, insertSpace, readOnly } from './people-config-fixtures';

describe.each(testDialects())('saved views on %s', (dialect) => {
  let t: TestApp;
  let c: Crew;
  let openSpace: string;
  let guestSpace: string;
  const list = (q = '') => `/api/v1/workspaces/${c.wsId}/views?limit=200${q}`;
  const create = (u: TestUser, body: object = {}) => call(t, u, 'POST', `/api/v1/workspaces/${c.wsId}/views`, { name: 'Mine', query: 'status:todo', ...body });
  const ids = async (u: TestUser, q = '') => (await call(t, u, 'GET', list(q))).json().data.map((v: { id: string }) => v.id);
  beforeAll(async () => {
    t = await testApp(dialect);
    c = await buildCrew(t);
    openSpace = await insertSpace(t, c.wsId);
    guestSpace = await insertSpace(t, c.wsId, { visibility: 'members', memberIds: [c.guest.id] });
  });
  afterAll(async () => t.close());

  it('keeps personal views to their owner and shows shared ones to whoever can read the space', async () => {
    const personal = await create(c.member, { layout: 'board', options: { groupBy: 'status' } });
    expect(personal.statusCode).toBe(201);
    expect(personal.json()).toMatchObject({ ownerId: c.member.id, shared: false, layout: 'board', options: { groupBy: 'status' }, version: 1, abilities: { update: true, delete: true } });
    const shared = (await create(c.member, { name: 'Team board', shared: true, spaceId: openSpace })).json();
    const guestShared = (await create(c.admin, { name: 'Guest space', shared: true, spaceId: guestSpace })).json();
    expect(await ids(c.member)).toEqual(expect.arrayContaining([personal.json().id, shared.id]));
    expect(await ids(c.member)).not.toContain(guestShared.id);
    expect(await ids(c.admin)).not.toContain(personal.json().id);
    expect(await ids(c.guest)).toEqual([guestShared.id]);
    expect(await ids(c.admin, `&spaceId=${openSpace}`)).toEqual([shared.id]);
    expect((await call(t, c.member, 'GET', list(`&spaceId=${guestSpace}`))).json().code).toBe('SPACE_NOT_FOUND');
    expect((await call(t, c.admin, 'GET', `/api/v1/views/${personal.json().id}`)).json().code).toBe('VIEW_NOT_FOUND');
    expect((await call(t, c.guest, 'GET', `/api/v1/views/${shared.id}`)).json().code).toBe('VIEW_NOT_FOUND');
    expect((await call(t, c.member, 'GET', `/api/v1/views/${personal.json().id}`)).json().name).toBe('Mine');
    expect((await call(t, c.guest, 'GET', `/api/v1/views/${guestShared.id}`)).json().abilities).toMatchObject({ update: false, delete: false });
    const created = await eventsOf(t, c.wsId, 'view.created');
    expect(created.map((e) => e.data.viewId)).toEqual([personal.json().id, shared.id, guestShared.id]);
    expect(created[1].spaceId).toBe(openSpace);
  });

  it('follows the view policy for creating: guests only personal views in spaces they can read', async () => {
    expect((await create(c.guest)).statusCode).toBe(201);
    expect((await create(c.guest, { spaceId: guestSpace })).statusCode).toBe(201);
    expect((await create(c.guest, { shared: true })).json()).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await create(c.guest, { spaceId: openSpace })).json().code).toBe('SPACE_NOT_FOUND');
    expect((await create(c.member, { spaceId: guestSpace, shared: true })).json().code).toBe('SPACE_NOT_FOUND');
    expect((await create(c.owner, { spaceId: await insertSpace(t, c.otherWsId) })).json().code).toBe('SPACE_NOT_FOUND');
    for (const who of ['owner', 'admin', 'member'] as const) expect((await create(c[who], { shared: true })).statusCode).toBe(201);
    expect((await create(c.outsider)).json().code).toBe('WORKSPACE_NOT_FOUND');
    expect((await call(t, c.outsider, 'GET', list())).statusCode).toBe(404);
    expect((await call(t, null, 'GET', list())).statusCode).toBe(401);
    expect((await call(t, null, 'POST', `/api/v1/workspaces/${c.wsId}/views`, { name: 'Anon' })).statusCode).toBe(401);
  });

  it('lets members edit shared views, only the owner edit a personal one, from the current version', async () => {
    const shared = (await create(c.admin, { name: 'Shared', shared: true })).json();
    const personal = (await create(c.member, { name: 'Personal' })).json();
    const patch = (u: TestUser, id: string, body: object) => call(t, u, 'PATCH', `/api/v1/views/${id}`, body);
    expect((await patch(c.guest, shared.id, { name: 'G', version: 1 })).json().code).toBe('FORBIDDEN');
    expect((await patch(c.admin, personal.id, { name: 'A', version: 1 })).json().code).toBe('VIEW_NOT_FOUND');
    expect((await patch(c.outsider, shared.id, { name: 'O', version: 1 })).json().code).toBe('VIEW_NOT_FOUND');
    expect((await patch(c.member, shared.id, { name: 'No version' })).statusCode).toBe(428);
    const up = await patch(c.member, shared.id, { name: 'Board', layout: 'table', query: 'priority:>=high', options: { cols: ['title'] }, version: 1 });
    expect(up.json()).toMatchObject({ name: 'Board', layout: 'table', query: 'priority:>=high', options: { cols: ['title'] }, version: 2 });
    const stale = await patch(c.owner, shared.id, { name: 'Late', version: 1 });
    expect(stale.json()).toMatchObject({ status: 409, code: 'VERSION_CONFLICT', current: { name: 'Board', version: 2 } });
    const ifMatch = await t.app.inject({ method: 'PATCH', url: `/api/v1/views/${personal.id}`, headers: { ...c.member.headers, 'if-match': '1' }, payload: { name: 'Mine too' } });
    expect(ifMatch.json().version).toBe(2);
    const before = await dbDigest(t);
    for (const body of [{ layout: 'gantt', version: 2 }, { query: 'x'.repeat(2001), version: 2 }, { shared: 'yes', version: 2 }, { name: '', version: 2 }]) {
      expect((await patch(c.member, personal.id, body)).statusCode).toBe(400);
    }
    expect((await create(c.member, { layout: 'gantt' })).statusCode).toBe(400);
    expect(await dbDigest(t)).toBe(before);
    expect((await eventsOf(t, c.wsId, 'view.updated')).map((e) => e.data.viewId)).toEqual([shared.id, personal.id]);
  });

  it('lets only the owner share or unshare a view (guests never share), other editors get 403', async () => {
    const patch = (u: TestUser, id: string, body: object) => call(t, u, 'PATCH', `/api/v1/views/${id}`, body);
    const mine = (await create(c.member, { name: 'Mine', spaceId: openSpace })).json();
    expect(mine.abilities).toMatchObject({ share: true });
    const up = await patch(c.member, mine.id, { shared: true, version: 1 });
    expect(up.json()).toMatchObject({ shared: true, version: 2, abilities: { share: true, update: true } });
    expect((await call(t, c.admin, 'GET', `/api/v1/views/${mine.id}`)).json().abilities).toMatchObject({ share: false, update: true });
    expect((await patch(c.admin, mine.id, { shared: false, version: 2 })).json()).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    // Sending the value it already has is no change of sharing: any editor may.
    expect((await patch(c.admin, mine.id, { shared: true, name: 'Ours', version: 2 })).json()).toMatchObject({ name: 'Ours', shared: true, version: 3 });
    expect((await patch(c.member, mine.id, { shared: false, version: 3 })).json()).toMatchObject({ shared: false, version: 4 });
    expect((await call(t, c.admin, 'GET', `/api/v1/views/${mine.id}`)).json().code).toBe('VIEW_NOT_FOUND');
    const guests = (await create(c.guest, { name: 'Guest own' })).json();
    expect(guests.abilities).toMatchObject({ share: false, update: true });
    expect((await patch(c.guest, guests.id, { shared: true, version: 1 })).json().code).toBe('FORBIDDEN');
    const ro = await readOnly(t, c.member);
    expect((await patch(ro, mine.id, { shared: true, version: 4 })).json().code).toBe('TOKEN_READ_ONLY');
    expect((await eventsOf(t, c.wsId, 'view.updated')).filter((e) => e.data.viewId === mine.id).map((e) => e.data.shared ?? null)).toEqual([true, null, false]);
  });

  it('deletes: guests never shared views, strangers see nothing, read-only tokens only read', async () => {
    const shared = (await create(c.admin, { name: 'Shared', shared: true })).json();
    const personal = (await create(c.member, { name: 'Personal' })).json();
    expect((await call(t, c.guest, 'DELETE', `/api/v1/views/${shared.id}`)).statusCode).toBe(403);
    expect((await call(t, c.admin, 'DELETE', `/api/v1/views/${personal.id}`)).statusCode).toBe(404);
    expect((await call(t, c.outsider, 'DELETE', `/api/v1/views/${shared.id}`)).statusCode).toBe(404);
    expect((await call(t, null, 'DELETE', `/api/v1/views/${shared.id}`)).statusCode).toBe(401);
    expect((await call(t, null, 'GET', `/api/v1/views/${shared.id}`)).statusCode).toBe(401);
    expect((await call(t, null, 'PATCH', `/api/v1/views/${shared.id}`, { name: 'x', version: 1 })).statusCode).toBe(401);
    const ro = await readOnly(t, c.member);
    expect((await call(t, ro, 'GET', `/api/v1/views/${personal.id}`)).statusCode).toBe(200);
    expect((await call(t, ro, 'GET', list())).statusCode).toBe(200);
    expect((await create(ro)).json().code).toBe('TOKEN_READ_ONLY');
    expect((await call(t, ro, 'PATCH', `/api/v1/views/${personal.id}`, { name: 'x', version: 1 })).json().code).toBe('TOKEN_READ_ONLY');
    expect((await call(t, ro, 'DELETE', `/api/v1/views/${personal.id}`)).json().code).toBe('TOKEN_READ_ONLY');
    expect((await call(t, c.member, 'DELETE', `/api/v1/views/${shared.id}`)).statusCode).toBe(204);
    expect((await call(t, c.member, 'DELETE', `/api/v1/views/${personal.id}`)).statusCode).toBe(204);
    expect((await call(t, c.member, 'GET', `/api/v1/views/${personal.id}`)).statusCode).toBe(404);
    expect((await eventsOf(t, c.wsId, 'view.deleted')).map((e) => e.data.viewId)).toEqual([shared.id, personal.id]);
  });

  it('paginates the list', async () => {
    const first = await call(t, c.admin, 'GET', `/api/v1/workspaces/${c.wsId}/views?limit=1`);
    const second = await call(t, c.admin, 'GET', `/api/v1/workspaces/${c.wsId}/views?limit=1&cursor=${first.json().nextCursor}`);
    expect(first.json().nextCursor).toEqual(expect.any(String));
    expect(second.json().data[0].id > first.json().data[0].id).toBe(true);
  });
});
