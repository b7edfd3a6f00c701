import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, buildItem, buildRoleMatrix, buildSpace, MATRIX_ACTORS, type MatrixActor, type RoleMatrix, statusIn } from '../test/factories';
import { call, type TestApp, testApp } from '../test/harness';

const api = '/api/v1';
type Expect = Record<MatrixActor, number>;
type Req = [method: string, url: string, body?: unknown];

const exp = (ok: number, o: Partial<Expect>): Expect => ({ owner: ok, admin: ok, member: ok, guestIn: ok, guestOut: 404, outsider: 404, anonymous: 401, readOnly: 403, ...o });
const READ = exp(200, { readOnly: 200 });
const EDIT = (ok: number) => exp(ok, { guestIn: 403 });

/**
 * Every space and item route against every kind of caller. Each call gets fresh targets, so an
 * allowed write never changes what the next caller sees.
 */
const CASES: Array<{ name: string; expect: Expect; req: (w: RoleMatrix, t: TestApp) => Promise<Req> }> = [
  { name: 'POST /workspaces/:id/spaces', expect: exp(201, { guestIn: 403, guestOut: 403 }), req: async (w) => ['POST', `${api}/workspaces/${w.ws.id}/spaces`, { key: `K${Math.random().toString(36).slice(2, 8).toUpperCase()}`, name: 'n' }] },
  { name: 'GET /workspaces/:id/spaces', expect: exp(200, { guestOut: 200, readOnly: 200 }), req: async (w) => ['GET', `${api}/workspaces/${w.ws.id}/spaces`] },
  { name: 'GET /spaces/:id', expect: READ, req: async (w) => ['GET', `${api}/spaces/${w.space.id}`] },
  { name: 'PATCH /spaces/:id', expect: EDIT(200), req: async (w, t) => ['PATCH', `${api}/spaces/${(await fresh(t, w)).id}`, { version: 1, name: 'Renamed' }] },
  { name: 'DELETE /spaces/:id', expect: exp(204, { member: 403, guestIn: 403 }), req: async (w, t) => ['DELETE', `${api}/spaces/${(await fresh(t, w)).id}`] },
  { name: 'POST /spaces/:id/members', expect: EDIT(200), req: async (w, t) => ['POST', `${api}/spaces/${(await fresh(t, w)).id}/members`, { add: [w.admin.id] }] },
  { name: 'GET /spaces/:id/statuses', expect: READ, req: async (w) => ['GET', `${api}/spaces/${w.space.id}/statuses`] },
  { name: 'POST /spaces/:id/statuses', expect: EDIT(201), req: async (w, t) => ['POST', `${api}/spaces/${(await fresh(t, w)).id}/statuses`, { name: 'QA', category: 'in_progress' }] },
  {
    name: 'PATCH /spaces/:id/statuses/:statusId',
    expect: EDIT(200),
    req: async (w, t) => {
      const s = await fresh(t, w);
      return ['PATCH', `${api}/spaces/${s.id}/statuses/${s.statuses[0].id}`, { name: 'Icebox' }];
    },
  },
  {
    name: 'PUT /spaces/:id/statuses/order',
    expect: EDIT(200),
    req: async (w, t) => {
      const s = await fresh(t, w);
      return ['PUT', `${api}/spaces/${s.id}/statuses/order`, { order: s.statuses.map((x) => x.id).reverse() }];
    },
  },
  {
    name: 'DELETE /spaces/:id/statuses/:statusId',
    expect: EDIT(204),
    req: async (w, t) => {
      const s = await fresh(t, w);
      return ['DELETE', `${api}/spaces/${s.id}/statuses/${s.statuses[0].id}`];
    },
  },
  { name: 'POST /spaces/:id/items', expect: exp(201, {}), req: async (w) => ['POST', `${api}/spaces/${w.space.id}/items`, { title: 'New' }] },
  { name: 'GET /spaces/:id/items', expect: READ, req: async (w) => ['GET', `${api}/spaces/${w.space.id}/items`] },
  { name: 'GET /items/:id', expect: READ, req: async (w, t) => ['GET', `${api}/items/${(await item(t, w)).id}`] },
  { name: 'GET /items/:key', expect: READ, req: async (w, t) => ['GET', `${api}/items/${(await item(t, w)).key}`] },
  { name: 'PATCH /items/:id', expect: EDIT(200), req: async (w, t) => ['PATCH', `${api}/items/${(await item(t, w)).id}`, { version: 1, title: 'Edited' }] },
  { name: 'DELETE /items/:id', expect: EDIT(200), req: async (w, t) => ['DELETE', `${api}/items/${(await item(t, w)).id}`] },
  {
    name: 'POST /items/:id/restore',
    expect: EDIT(200),
    req: async (w, t) => {
      const it = await item(t, w);
      await call(t, w.owner, 'DELETE', `${api}/items/${it.id}`);
      return ['POST', `${api}/items/${it.id}/restore`];
    },
  },
  { name: 'POST /items/:id/move', expect: EDIT(200), req: async (w, t) => ['POST', `${api}/items/${(await item(t, w)).id}/move`, { version: 1, statusId: statusIn(w.space, 'done') }] },
  {
    name: 'POST /items/:id/links',
    expect: EDIT(201),
    req: async (w, t) => ['POST', `${api}/items/${(await item(t, w)).id}/links`, { kind: 'relates', itemId: (await item(t, w)).id }],
  },
  {
    name: 'DELETE /items/:id/links/:linkId',
    expect: EDIT(204),
    req: async (w, t) => {
      const it = await item(t, w);
      const link = await call(t, w.owner, 'POST', `${api}/items/${it.id}/links`, { kind: 'blocks', itemId: (await item(t, w)).id });
      return ['DELETE', `${api}/items/${it.id}/links/${link.json().id}`];
    },
  },
];

/** A new empty space like the matrix's (workspace-visible, guestIn invited). */
const fresh = (t: TestApp, w: RoleMatrix) => buildSpace(t, w.owner, w.ws.id, { memberIds: [w.guestIn.id] });
const item = (t: TestApp, w: RoleMatrix) => buildItem(t, w.owner, w.space.id);

describe.each(testDialects())('authorization of space and item routes on %s', (dialect) => {
  let t: TestApp;
  let w: RoleMatrix;
  beforeAll(async () => {
    t = await testApp(dialect);
    w = await buildRoleMatrix(t);
  });
  afterAll(async () => t.close());

  it.each(CASES)('$name', async (c) => {
    const got: Partial<Expect> = {};
    for (const actor of MATRIX_ACTORS) {
      const [method, url, body] = await c.req(w, t);
      const res = await call(t, actorOf(w, actor), method, url, body);
      got[actor] = res.statusCode;
      if (res.statusCode === 403 && actor === 'readOnly') expect(res.json().code).toBe('TOKEN_READ_ONLY');
    }
    expect(got).toEqual(c.expect);
  });

  it('lets a guest edit and trash what they created or are assigned, and nothing else', async () => {
    const mine = await buildItem(t, w.guestIn, w.space.id);
    expect((await call(t, w.guestIn, 'PATCH', `${api}/items/${mine.id}`, { version: 1, title: 'Mine' })).statusCode).toBe(200);
    const assigned = await buildItem(t, w.owner, w.space.id, { assigneeIds: [w.guestIn.id] });
    expect(assigned.abilities).toMatchObject({ update: true, delete: true });
    const asGuest = (await call(t, w.guestIn, 'GET', `${api}/items/${assigned.id}`)).json();
    expect(asGuest.abilities).toMatchObject({ read: true, update: true, delete: false });
    expect((await call(t, w.guestIn, 'PATCH', `${api}/items/${assigned.id}`, { version: 1, title: 'Assigned' })).statusCode).toBe(200);
    expect((await call(t, w.guestIn, 'DELETE', `${api}/items/${assigned.id}`)).statusCode).toBe(403);
    expect((await call(t, w.guestIn, 'DELETE', `${api}/items/${mine.id}`)).statusCode).toBe(200);
    const ro = (await call(t, w.readOnly, 'GET', `${api}/items/${assigned.id}`)).json();
    expect(ro.abilities).toMatchObject({ read: true, update: false, delete: false });
  });

  it('hides members-only spaces and their items from members outside them', async () => {
    const secret = await buildSpace(t, w.owner, w.ws.id, { visibility: 'members' });
    const hidden = await buildItem(t, w.owner, secret.id);
    for (const url of [`${api}/spaces/${secret.id}`, `${api}/spaces/${secret.id}/items`, `${api}/items/${hidden.id}`, `${api}/items/${hidden.key}`]) {
      expect((await call(t, w.member, 'GET', url)).statusCode).toBe(404);
      expect((await call(t, w.admin, 'GET', url)).statusCode).toBe(200);
    }
    const res = await call(t, w.member, 'PATCH', `${api}/items/${hidden.id}`, { version: 1, title: 'x' });
    expect(res.json().code).toBe('ITEM_NOT_FOUND');
  });
});
