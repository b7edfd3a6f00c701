import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSpace, type SpaceJson } from '../test/factories';
import { buildMember, buildUser, buildWorkspace, call, dbDigest, type TestApp, testApp, type TestUser } from '../test/harness';

const api = '/api/v1';

describe.each(testDialects())('routines API on %s', (dialect) => {
  let t: TestApp;
  let owner: TestUser;
  let ana: TestUser;
  let guest: TestUser;
  let outsider: TestUser;
  let ws: { id: string };
  let space: SpaceJson;

  const weekly = (over: Record<string, unknown> = {}) => ({
    name: 'Payroll',
    recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1', timeZone: 'Europe/Berlin', start: '2026-11-01T09:00' },
    template: { title: 'Payroll {{date:MMMM YYYY}}', priority: 'high' },
    ...over,
  });

  beforeAll(async () => {
    t = await testApp(dialect);
    t.clock.set('2026-11-26T12:00:00Z');
    owner = await buildUser(t, { name: 'Olga Owner', timeZone: 'America/New_York' });
    ws = await buildWorkspace(t, owner);
    ana = await buildMember(t, ws.id, 'member', { name: 'Ana' });
    guest = await buildMember(t, ws.id, 'guest', { name: 'Gus' });
    outsider = await buildUser(t);
    await buildWorkspace(t, outsider, 'Elsewhere');
    space = await buildSpace(t, owner, ws.id, { memberIds: [guest.id] });
  });
  afterAll(async () => t.close());

  it('creates, reads, lists, edits and deletes a routine, with events', async () => {
    const res = await call(t, ana, 'POST', `${api}/spaces/${space.id}/routines`, weekly());
    expect(res.statusCode).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ name: 'Payroll', anchor: 'schedule', paused: false, leadDays: 0, version: 1, runAs: ana.id });
    expect(r.recurrence).toEqual({ rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1', timeZone: 'Europe/Berlin', start: '2026-11-01T09:00', exdates: [] });
    expect(r.nextAt).toBe('2026-11-30T08:00:00.000Z'); // 09:00 CET on the last day of November
    expect(r.abilities).toEqual({ read: true, manage: true });
    expect((await call(t, ana, 'GET', `${api}/routines/${r.id}`)).json().name).toBe('Payroll');
    const list = await call(t, guest, 'GET', `${api}/spaces/${space.id}/routines`);
    expect(list.statusCode).toBe(200);
    expect(list.json().data.map((x: { id: string }) => x.id)).toContain(r.id);
    expect(list.json().data[0].abilities.manage).toBe(false);
    const patched = await call(t, ana, 'PATCH', `${api}/routines/${r.id}`, { version: 1, name: 'Payroll run', leadDays: 2 });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Payroll run', leadDays: 2, version: 2, nextCreateAt: '2026-11-28T08:00:00.000Z' });
    const stale = await call(t, ana, 'PATCH', `${api}/routines/${r.id}`, { version: 1, name: 'x' });
    expect(stale.statusCode).toBe(409);
    const events = await t.deps.store.db.selectFrom('events').select(['type']).where('type', 'like', 'routine.%').execute();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['routine.created', 'routine.updated']));
    expect((await call(t, ana, 'DELETE', `${api}/routines/${r.id}`)).statusCode).toBe(204);
    expect((await call(t, ana, 'GET', `${api}/routines/${r.id}`)).statusCode).toBe(404);
  });

  it('previews the next dates in the routine zone and in the viewer zone', async () => {
    const r = (await call(t, ana, 'POST', `${api}/spaces/${space.id}/routines`, weekly())).json();
    const res = await call(t, owner, 'GET', `${api}/routines/${r.id}/preview?count=3`);
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.occurrences.map((o: { local: { date: string } }) => o.local.date)).toEqual(['2026-11-30', '2026-12-31', '2027-01-31']);
    expect(p.occurrences[0]).toMatchObject({
      title: 'Payroll November 2026',
      state: 'scheduled',
      local: { date: '2026-11-30', time: '09:00', timeZone: 'Europe/Berlin' },
      viewer: { date: '2026-11-30', time: '03:00', timeZone: 'America/New_York' },
    });
    expect((await call(t, owner, 'GET', `${api}/routines/${r.id}/preview?count=0`)).statusCode).toBe(400);
    expect((await call(t, owner, 'GET', `${api}/routines/${r.id}/preview?count=101`)).statusCode).toBe(400);
  });

  it('pauses and resumes (idempotent), clearing and restoring the next date', async () => {
    const r = (await call(t, ana, 'POST', `${api}/spaces/${space.id}/routines`, weekly())).json();
    const paused = await call(t, ana, 'POST', `${api}/routines/${r.id}/pause`);
    expect(paused.statusCode).toBe(200);
    expect(paused.json().paused).toBe(true);
    expect((await call(t, ana, 'POST', `${api}/routines/${r.id}/pause`)).json().version).toBe(paused.json().version);
    const resumed = await call(t, ana, 'POST', `${api}/routines/${r.id}/resume`);
    expect(resumed.json()).toMatchObject({ paused: false, nextAt: '2026-11-30T08:00:00.000Z' });
  });

  it('refuses bad input with 400 and writes nothing', async () => {
    const before = await dbDigest(t);
    const routinesBefore = await t.deps.store.db.selectFrom('routines').selectAll().execute();
    const bad: Array<[unknown, string]> = [
      [weekly({ recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=32', timeZone: 'Europe/Berlin', start: '2026-12-01T09:00' } }), 'body.recurrence.rrule'],
      [weekly({ recurrence: { rrule: 'FREQ=DAILY', timeZone: 'Nowhere/City', start: '2026-12-01T09:00' } }), 'body.recurrence.timeZone'],
      [weekly({ recurrence: { rrule: 'FREQ=DAILY', timeZone: 'UTC', start: '2026-02-30T09:00' } }), 'body.recurrence.start'],
      [weekly({ template: { title: 'Pay {{user}}' } }), 'body.template.title'],
      [weekly({ template: { title: 'Pay', labelIds: ['nope'] } }), 'body.template.labelIds'],
      [weekly({ template: { title: 'Pay', assigneeIds: [outsider.id] } }), 'body.template.assigneeIds'],
      [weekly({ rotation: [outsider.id] }), 'body.rotation'],
      [weekly({ anchor: 'completion', recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO', timeZone: 'UTC', start: '2026-12-01T09:00' } }), 'body.recurrence.rrule'],
      [weekly({ leadDays: -1 }), 'body.leadDays'],
      [weekly({ extra: true }), 'body'],
    ];
    for (const [body, path] of bad) {
      const res = await call(t, ana, 'POST', `${api}/spaces/${space.id}/routines`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const paths = (res.json().errors ?? []).map((e: { path: string }) => e.path);
      expect(paths.some((p: string) => p.startsWith(path)), `${paths} / ${path}`).toBe(true);
    }
    expect(await dbDigest(t)).toBe(before);
    expect(await t.deps.store.db.selectFrom('routines').selectAll().execute()).toEqual(routinesBefore);
  });

  it('guests read but may not manage; outsiders get 404', async () => {
    const r = (await call(t, ana, 'POST', `${api}/spaces/${space.id}/routines`, weekly())).json();
    expect((await call(t, guest, 'GET', `${api}/routines/${r.id}`)).statusCode).toBe(200);
    expect((await call(t, guest, 'POST', `${api}/spaces/${space.id}/routines`, weekly())).statusCode).toBe(403);
    expect((await call(t, guest, 'POST', `${api}/routines/${r.id}/pause`)).statusCode).toBe(403);
    expect((await call(t, outsider, 'GET', `${api}/routines/${r.id}`)).statusCode).toBe(404);
    expect((await call(t, outsider, 'GET', `${api}/routines/${r.id}/preview`)).statusCode).toBe(404);
    expect((await call(t, null, 'GET', `${api}/routines/${r.id}`)).statusCode).toBe(401);
  });
});
