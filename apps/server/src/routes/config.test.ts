import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, dbDigest, type TestApp, testApp, type TestUser } from '../test/harness';
import { buildCrew, type Crew, eventsOf, insertSpace, readOnly } from './people-config-fixtures';

describe.each(testDialects())('fields, labels and item types on %s', (dialect) => {
  let t: TestApp;
  let c: Crew;
  let openSpace: string;
  let guestSpace: string;
  let secretSpace: string;
  const ws = (rest: string) => `/api/v1/workspaces/${c.wsId}${rest}`;
  let n = 0;
  const field = async (u: TestUser, body: object = {}) => call(t, u, 'POST', ws('/fields'), { name: `Field ${++n}`, type: 'text', ...body });
  const label = async (u: TestUser, body: object = {}) => call(t, u, 'POST', ws('/labels'), { name: `label-${++n}`, ...body });
  beforeAll(async () => {
    t = await testApp(dialect);
    c = await buildCrew(t);
    openSpace = await insertSpace(t, c.wsId);
    guestSpace = await insertSpace(t, c.wsId, { visibility: 'members', memberIds: [c.guest.id] });
    secretSpace = await insertSpace(t, c.wsId, { visibility: 'members' });
  });
  afterAll(async () => t.close());

  it('creates select fields with option ids, and refuses options on other types', async () => {
    const res = await field(c.member, { name: 'Severity', type: 'select', options: [{ name: 'Low' }, { id: 'hi', name: 'High', color: 'red' }] });
    expect(res.statusCode).toBe(201);
    const f = res.json();
    expect(f).toMatchObject({ name: 'Severity', type: 'select', spaceId: null, version: 1, abilities: { update: true, delete: true } });
    expect(f.options[0]).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'Low' });
    expect(f.options[1]).toEqual({ id: 'hi', name: 'High', color: 'red' });
    expect((await eventsOf(t, c.wsId, 'field.created')).at(-1)?.data).toMatchObject({ fieldId: f.id, type: 'select' });
    const before = await dbDigest(t);
    const wrong = await field(c.member, { type: 'number', options: [{ name: 'x' }] });
    expect(wrong.json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ path: 'body.options' }] });
    expect((await field(c.member, { type: 'select', options: [{ name: 'A' }, { name: 'a' }] })).json().errors[0].path).toBe('body.options.1.name');
    expect((await field(c.member, { name: 'severity' })).json()).toMatchObject({ status: 409, code: 'ALREADY_EXISTS' });
    for (const body of [{ type: 'colour' }, { name: '' }, { options: 'x' }, { extra: true }, { spaceId: 'bad id' }]) {
      expect((await field(c.member, body)).statusCode).toBe(400);
    }
    expect(await dbDigest(t)).toBe(before);
  });

  it('scopes fields to spaces the caller can read; lists what each person may see', async () => {
    const scoped = await field(c.member, { spaceId: openSpace });
    expect(scoped.json()).toMatchObject({ spaceId: openSpace });
    expect((await eventsOf(t, c.wsId, 'field.created')).at(-1)?.spaceId).toBe(openSpace);
    const hidden = (await field(c.admin, { spaceId: secretSpace })).json();
    expect((await field(c.member, { spaceId: secretSpace })).json().code).toBe('SPACE_NOT_FOUND');
    expect((await field(c.guest, { spaceId: openSpace })).json().code).toBe('SPACE_NOT_FOUND');
    expect((await field(c.guest, { spaceId: guestSpace })).json().code).toBe('FORBIDDEN');
    expect((await field(c.owner, { spaceId: await insertSpace(t, c.otherWsId) })).json().code).toBe('SPACE_NOT_FOUND');
    const ids = async (u: TestUser, q = '') => (await call(t, u, 'GET', ws(`/fields?limit=200${q}`))).json().data.map((f: { id: string }) => f.id);
    expect(await ids(c.admin)).toContain(hidden.id);
    expect(await ids(c.member)).toContain(scoped.json().id);
    expect(await ids(c.member)).not.toContain(hidden.id);
    expect(await ids(c.guest)).not.toContain(scoped.json().id);
    const inSecret = await ids(c.admin, `&spaceId=${secretSpace}`);
    expect(inSecret).toContain(hidden.id);
    expect(inSecret).not.toContain(scoped.json().id);
    expect((await call(t, c.member, 'GET', ws(`/fields?spaceId=${secretSpace}`))).json().code).toBe('SPACE_NOT_FOUND');
    expect((await call(t, c.member, 'PATCH', `/api/v1/fields/${hidden.id}`, { name: 'X', version: 1 })).json().code).toBe('FIELD_NOT_FOUND');
    expect((await call(t, c.member, 'DELETE', `/api/v1/fields/${hidden.id}`)).json().code).toBe('FIELD_NOT_FOUND');
  });

  it('updates fields from the current version and deletes them', async () => {
    const f = (await field(c.member, { type: 'multi_select', options: [{ id: 'a', name: 'A' }] })).json();
    expect((await call(t, c.member, 'PATCH', `/api/v1/fields/${f.id}`, { name: 'Renamed' })).statusCode).toBe(428);
    const up = await call(t, c.member, 'PATCH', `/api/v1/fields/${f.id}`, { name: 'Renamed', options: [{ id: 'a', name: 'A+' }, { name: 'B' }], version: 1 });
    expect(up.json()).toMatchObject({ name: 'Renamed', version: 2, options: [{ id: 'a', name: 'A+' }, { name: 'B' }] });
    const stale = await call(t, c.admin, 'PATCH', `/api/v1/fields/${f.id}`, { name: 'Late', version: 1 });
    expect(stale.json()).toMatchObject({ status: 409, code: 'VERSION_CONFLICT', current: { name: 'Renamed', version: 2 } });
    const text = (await field(c.member)).json();
    expect((await call(t, c.member, 'PATCH', `/api/v1/fields/${text.id}`, { options: [{ name: 'x' }], version: 1 })).statusCode).toBe(400);
    expect((await call(t, c.member, 'DELETE', `/api/v1/fields/${f.id}`)).statusCode).toBe(204);
    expect((await call(t, c.member, 'DELETE', `/api/v1/fields/${f.id}`)).json().code).toBe('FIELD_NOT_FOUND');
    expect((await eventsOf(t, c.wsId, 'field.updated')).some((e) => e.data.fieldId === f.id)).toBe(true);
    expect((await eventsOf(t, c.wsId, 'field.deleted')).some((e) => e.data.fieldId === f.id)).toBe(true);
  });

  it('keeps label names unique regardless of case', async () => {
    const bug = await label(c.member, { name: 'Bug', color: 'red' });
    expect(bug.json()).toMatchObject({ name: 'Bug', color: 'red', version: 1, abilities: { update: true, delete: true } });
    const before = await dbDigest(t);
    expect((await label(c.member, { name: 'bug' })).json()).toMatchObject({ status: 409, code: 'ALREADY_EXISTS', errors: [{ path: 'body.name' }] });
    expect(await dbDigest(t)).toBe(before);
    const other = (await label(c.member, { name: 'Chore' })).json();
    expect((await call(t, c.member, 'PATCH', `/api/v1/labels/${other.id}`, { name: 'BUG', version: 1 })).json().code).toBe('ALREADY_EXISTS');
    const recase = await call(t, c.member, 'PATCH', `/api/v1/labels/${bug.json().id}`, { name: 'BUG', color: null, version: 1 });
    expect(recase.json()).toMatchObject({ name: 'BUG', color: null, version: 2 });
    const stale = await call(t, c.member, 'PATCH', `/api/v1/labels/${bug.json().id}`, { name: 'B', version: 1 });
    expect(stale.json()).toMatchObject({ status: 409, code: 'VERSION_CONFLICT', current: { name: 'BUG' } });
    expect((await call(t, c.member, 'PATCH', `/api/v1/labels/${bug.json().id}`, { name: 'B' })).statusCode).toBe(428);
    const listed = await call(t, c.guest, 'GET', ws('/labels?limit=1'));
    expect(listed.json()).toMatchObject({ data: [{ abilities: { update: false } }], nextCursor: expect.any(String) });
    expect((await call(t, c.member, 'DELETE', `/api/v1/labels/${other.id}`)).statusCode).toBe(204);
    for (const type of ['label.created', 'label.updated', 'label.deleted']) expect((await eventsOf(t, c.wsId, type)).length).toBeGreaterThan(0);
    for (const body of [{ name: '' }, { name: 'x'.repeat(65) }, { name: 'ok', color: 5 }]) expect((await label(c.member, body)).statusCode).toBe(400);
  });

  it('extends the default item types', async () => {
    const list = await call(t, c.guest, 'GET', ws('/types'));
    expect(list.json().data.map((x: { key: string }) => x.key)).toEqual(['bug', 'milestone', 'request', 'task']);
    const created = await call(t, c.member, 'POST', ws('/types'), { key: 'incident', name: 'Incident' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ key: 'incident', name: 'Incident' });
    expect((await eventsOf(t, c.wsId, 'type.created')).at(-1)?.data).toEqual({ key: 'incident', name: 'Incident' });
    const before = await dbDigest(t);
    expect((await call(t, c.member, 'POST', ws('/types'), { key: 'task', name: 'Task again' })).json().code).toBe('ALREADY_EXISTS');
    for (const body of [{ key: 'Bad Key', name: 'x' }, { key: 'ok' }, { key: 'ok', name: 'x', extra: 1 }]) {
      expect((await call(t, c.member, 'POST', ws('/types'), body)).statusCode).toBe(400);
    }
    expect(await dbDigest(t)).toBe(before);
    const page = await call(t, c.member, 'GET', ws('/types?limit=2'));
    const rest = await call(t, c.member, 'GET', ws(`/types?cursor=${page.json().nextCursor}`));
    expect([...page.json().data, ...rest.json().data]).toHaveLength(5);
  });

  it('follows the role matrix: members and up configure, guests read, strangers see nothing', async () => {
    const target = async () => ({ f: (await field(c.admin)).json(), l: (await label(c.admin)).json() });
    for (const [who, write, read] of [['owner', 201, 200], ['admin', 201, 200], ['member', 201, 200], ['guest', 403, 200], ['outsider', 404, 404]] as const) {
      const u = c[who];
      const got = { who, field: (await field(u)).statusCode, label: (await label(u)).statusCode, type: (await call(t, u, 'POST', ws('/types'), { key: `t${++n}`, name: 'T' })).statusCode };
      expect(got).toEqual({ who, field: write, label: write, type: write });
      for (const path of ['/fields', '/labels', '/types']) expect({ who, path, status: (await call(t, u, 'GET', ws(path))).statusCode }).toEqual({ who, path, status: read });
      const { f, l } = await target();
      const changes = {
        who,
        patchField: (await call(t, u, 'PATCH', `/api/v1/fields/${f.id}`, { name: `F${++n}`, version: 1 })).statusCode,
        deleteField: (await call(t, u, 'DELETE', `/api/v1/fields/${f.id}`)).statusCode,
        patchLabel: (await call(t, u, 'PATCH', `/api/v1/labels/${l.id}`, { name: `L${++n}`, version: 1 })).statusCode,
        deleteLabel: (await call(t, u, 'DELETE', `/api/v1/labels/${l.id}`)).statusCode,
      };
      const ok = write === 201;
      expect(changes).toEqual({ who, patchField: ok ? 200 : write, deleteField: ok ? 204 : write, patchLabel: ok ? 200 : write, deleteLabel: ok ? 204 : write });
    }
    const { f, l } = await target();
    const requests: Array<[string, string, object | undefined]> = [
      ['GET', ws('/fields'), undefined],
      ['POST', ws('/fields'), { name: 'RO', type: 'text' }],
      ['PATCH', `/api/v1/fields/${f.id}`, { name: 'RO', version: 1 }],
      ['DELETE', `/api/v1/fields/${f.id}`, undefined],
      ['GET', ws('/labels'), undefined],
      ['POST', ws('/labels'), { name: 'RO' }],
      ['PATCH', `/api/v1/labels/${l.id}`, { name: 'RO', version: 1 }],
      ['DELETE', `/api/v1/labels/${l.id}`, undefined],
      ['GET', ws('/types'), undefined],
      ['POST', ws('/types'), { key: 'ro', name: 'RO' }],
    ];
    const ro = await readOnly(t, c.owner);
    for (const [method, url, body] of requests) {
      expect({ method, url, status: (await call(t, null, method, url, body)).statusCode }).toEqual({ method, url, status: 401 });
      const res = await call(t, ro, method, url, body);
      expect({ method, url, got: res.statusCode === 200 ? 'read' : res.json().code }).toEqual({ method, url, got: method === 'GET' ? 'read' : 'TOKEN_READ_ONLY' });
    }
  });
});
