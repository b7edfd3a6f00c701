import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeJobs } from '../jobs/intake.job';
import { statusIn } from '../test/factories';
import { call, type TestApp, testApp } from '../test/harness';
import { api, buildWorld, goodBody, intakeDigest, makeForm, ok, problem, submit, type World } from './intake-test-kit';

type Target = { dueAt: string | null; atRiskAt: string | null; metAt: string | null; state: string | null };
type Req = { id: string; reference: string; itemId: string; sla: { state: string; firstResponse: Target; resolution: Target } | null };

const job = intakeJobs.find((j) => j.name === 'intake.sla');
if (!job) throw new Error('no intake.sla job');

describe.each(testDialects())('SLA policies, calendars, states, events and query terms on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let publicId: string;
  let calendarId: string;
  const run = () => (job as NonNullable<typeof job>).run(t.deps, t.clock.now());
  const details = async (id: string) => ok<Req>(await call(t, w.member, 'GET', `${api}/requests/${id}/details`), 200);
  const slaEvents = async (requestId: string) =>
    (await t.deps.store.db.selectFrom('events').select(['type', 'data', 'actor_id']).where('type', 'in', ['request.sla_at_risk', 'request.sla_breached']).orderBy('id').execute())
      .map((e) => ({ type: e.type, actor: e.actor_id, ...(JSON.parse(e.data) as { requestId: string; target: string }) }))
      .filter((e) => e.requestId === requestId)
      .map((e) => `${e.type}:${e.target}:${e.actor}`);
  const query = async (q: string) =>
    ok<{ data: Array<{ id: string }> }>(await call(t, w.member, 'GET', `${api}/workspaces/${w.ws.id}/items?q=${encodeURIComponent(q)}&limit=200`), 200).data.map((i) => i.id);

  beforeAll(async () => {
    t = await testApp(dialect);
    w = await buildWorld(t);
    publicId = (await makeForm(t, w)).publicId;
  });
  afterAll(async () => t.close());

  it('keeps calendars for admins and SLA policies for space members, with clear refusals', async () => {
    const body = {
      name: 'Berlin office',
      timeZone: 'Europe/Berlin',
      hours: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }], wed: [{ start: '09:00', end: '17:00' }], thu: [{ start: '09:00', end: '17:00' }], fri: [{ start: '09:00', end: '17:00' }] },
      holidays: ['2026-11-27'],
    };
    const before = await intakeDigest(t);
    problem(await call(t, w.member, 'POST', `${api}/workspaces/${w.ws.id}/calendars`, body), 403, 'FORBIDDEN');
    problem(await call(t, w.admin, 'POST', `${api}/workspaces/${w.ws.id}/calendars`, { ...body, timeZone: 'Mars/Olympus' }), 400, 'VALIDATION_FAILED');
    const overlap = await call(t, w.admin, 'POST', `${api}/workspaces/${w.ws.id}/calendars`, { ...body, hours: { mon: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '17:00' }] } });
    expect(problem(overlap, 400, 'VALIDATION_FAILED').errors?.[0].path).toBe('body.hours.mon.1');
    problem(await call(t, w.admin, 'POST', `${api}/workspaces/${w.ws.id}/calendars`, { ...body, hours: {} }), 400, 'VALIDATION_FAILED');
    expect(await intakeDigest(t)).toBe(before);
    const cal = ok<{ id: string; hours: Record<string, unknown>; version: number }>(await call(t, w.admin, 'POST', `${api}/workspaces/${w.ws.id}/calendars`, body), 201);
    calendarId = cal.id;
    expect(cal.hours.sat).toEqual([]);
    const listed = ok<{ data: Array<{ id: string }> }>(await call(t, w.guest, 'GET', `${api}/workspaces/${w.ws.id}/calendars`), 200);
    expect(listed.data.map((c) => c.id)).toEqual([cal.id]);

    const targets = { high: { firstResponseMinutes: 240, resolutionMinutes: 960 }, low: { resolutionMinutes: 4800 } };
    problem(await call(t, w.guest, 'POST', `${api}/spaces/${w.space.id}/sla-policies`, { calendarId, targets }), 403, 'FORBIDDEN');
    problem(await call(t, w.member, 'POST', `${api}/spaces/${w.space.id}/sla-policies`, { calendarId: 'nope', targets }), 400, 'VALIDATION_FAILED');
    const policy = ok<{ id: string; version: number }>(await call(t, w.member, 'POST', `${api}/spaces/${w.space.id}/sla-policies`, { name: 'Help desk SLA', calendarId, targets }), 201);
    problem(await call(t, w.member, 'POST', `${api}/spaces/${w.space.id}/sla-policies`, { calendarId, targets }), 409, 'SLA_POLICY_EXISTS');
    problem(await call(t, w.admin, 'DELETE', `${api}/calendars/${calendarId}`), 409, 'CALENDAR_IN_USE');
    const renamed = ok<{ name: string }>(await call(t, w.member, 'PATCH', `${api}/sla-policies/${policy.id}`, { version: policy.version, name: 'Desk SLA' }), 200);
    expect(renamed.name).toBe('Desk SLA');
    expect(ok<{ data: unknown[] }>(await call(t, w.guest, 'GET', `${api}/spaces/${w.space.id}/sla-policies`), 200).data).toHaveLength(1);
  });

  it('gives a request its due times in business hours (holiday, weekend) and its state as time passes; events fire once', async () => {
    // Thursday 26 Nov 2026 12:00Z = 13:00 in Berlin; Friday 27 is a holiday.
    t.clock.set('2026-11-26T12:00:00.000Z');
    const { reference } = ok<{ reference: string }>(await submit(t, publicId, goodBody()), 201);
    let r = await details(reference);
    // First response 4 h: 13:00–17:00 Berlin today. At risk after 80% (3 h 12 min).
    expect(r.sla?.firstResponse).toEqual({ dueAt: '2026-11-26T16:00:00.000Z', atRiskAt: '2026-11-26T15:12:00.000Z', metAt: null, state: 'on_track' });
    // Resolution 16 h: 4 h Thursday, Friday holiday, weekend, 8 h Monday, 4 h Tuesday → Tue 13:00 Berlin.
    expect(r.sla?.resolution).toMatchObject({ dueAt: '2026-12-01T12:00:00.000Z', atRiskAt: '2026-12-01T08:48:00.000Z', state: 'on_track' });
    expect(r.sla?.state).toBe('on_track');
    expect(await query('sla:on_track')).toContain(r.itemId);
    expect(await query('sla:breached')).not.toContain(r.itemId);

    await run();
    expect(await slaEvents(r.id)).toEqual([]);

    t.clock.set('2026-11-26T15:30:00.000Z');
    r = await details(r.id);
    expect([r.sla?.state, r.sla?.firstResponse.state, r.sla?.resolution.state]).toEqual(['at_risk', 'at_risk', 'on_track']);
    expect(await query('sla:at_risk')).toContain(r.itemId);
    expect(await query('sla:at-risk')).toContain(r.itemId);
    await run();
    await run();
    expect(await slaEvents(r.id)).toEqual(['request.sla_at_risk:first_response:null']);

    t.clock.set('2026-11-26T16:30:00.000Z');
    r = await details(r.id);
    expect([r.sla?.state, r.sla?.firstResponse.state]).toEqual(['breached', 'breached']);
    // Two passes at once (two server processes): the breach is announced once.
    await Promise.all([run(), run(), run()]);
    expect(await slaEvents(r.id)).toEqual(['request.sla_at_risk:first_response:null', 'request.sla_breached:first_response:null']);
    expect(await query('sla:breached')).toContain(r.itemId);
    expect(await query('-sla:breached')).not.toContain(r.itemId);
    expect(await query('sla:on_track,at_risk')).not.toContain(r.itemId);

    // A late first response is recorded, and the target stays breached.
    ok(await call(t, w.member, 'POST', `${api}/items/${r.itemId}/comments`, { body: 'On it.' }), 201);
    await run();
    r = await details(r.id);
    expect(r.sla?.firstResponse).toMatchObject({ metAt: '2026-11-26T16:30:00.000Z', state: 'breached' });

    // Resolved in time on Monday: the resolution target is met, and no event ever fires for it.
    t.clock.set('2026-11-30T10:00:00.000Z');
    const item = ok<{ version: number }>(await call(t, w.member, 'GET', `${api}/items/${r.itemId}`), 200);
    ok(await call(t, w.member, 'PATCH', `${api}/items/${r.itemId}`, { version: item.version, statusId: statusIn(w.space, 'done') }), 200);
    t.clock.set('2026-12-03T10:00:00.000Z');
    await run();
    r = await details(r.id);
    expect(r.sla?.resolution).toMatchObject({ metAt: '2026-11-30T10:00:00.000Z', state: 'met' });
    expect(await slaEvents(r.id)).toEqual(['request.sla_at_risk:first_response:null', 'request.sla_breached:first_response:null']);
  });

  it('recomputes due times once when the priority or the policy changes (two passes racing), from the submission time', async () => {
    t.clock.set('2026-12-07T09:00:00.000Z'); // Monday 10:00 Berlin
    const { reference } = ok<{ reference: string }>(await submit(t, publicId, goodBody()), 201);
    let r = await details(reference);
    const before = r.sla?.resolution.dueAt;
    const recomputed = async () =>
      (await t.deps.store.db.selectFrom('events').select(['data']).where('type', '=', 'request.sla_recomputed').orderBy('id').execute())
        .map((e) => JSON.parse(e.data) as { requestId: string; reason: string; priority: string; resolutionDueAt: string | null; firstResponseDueAt: string | null })
        .filter((e) => e.requestId === r.id);
    // A title edit changes no due time: no event.
    t.clock.set('2026-12-07T09:30:00.000Z');
    let item = ok<{ version: number }>(await call(t, w.member, 'GET', `${api}/items/${r.itemId}`), 200);
    ok(await call(t, w.member, 'PATCH', `${api}/items/${r.itemId}`, { version: item.version, title: 'Renamed' }), 200);
    await run();
    expect(await recomputed()).toEqual([]);
    // Priority high → low: low has only a resolution target (4,800 business minutes = 10 days of 8 h).
    t.clock.set('2026-12-07T10:00:00.000Z');
    item = ok<{ version: number }>(await call(t, w.member, 'GET', `${api}/items/${r.itemId}`), 200);
    ok(await call(t, w.member, 'PATCH', `${api}/items/${r.itemId}`, { version: item.version, priority: 'low' }), 200);
    await Promise.all([run(), run()]);
    await run();
    r = await details(r.id);
    expect(r.sla?.firstResponse.dueAt).toBeNull();
    // From Monday 7 Dec 10:00 Berlin, 80 working hours (ten 8-hour days): Monday 21 Dec 10:00 Berlin.
    expect(r.sla?.resolution.dueAt).toBe('2026-12-21T09:00:00.000Z');
    expect(r.sla?.resolution.dueAt).not.toBe(before);
    expect(await recomputed()).toEqual([expect.objectContaining({ reason: 'priority', priority: 'low', firstResponseDueAt: null, resolutionDueAt: '2026-12-21T09:00:00.000Z' })]);
    // The policy's low target changes: recomputed once more, from the submission time.
    const policy = ok<{ data: Array<{ id: string; version: number }> }>(await call(t, w.member, 'GET', `${api}/spaces/${w.space.id}/sla-policies`), 200).data[0] as { id: string; version: number };
    t.clock.set('2026-12-07T11:00:00.000Z');
    ok(await call(t, w.member, 'PATCH', `${api}/sla-policies/${policy.id}`, { version: policy.version, targets: { high: { firstResponseMinutes: 240, resolutionMinutes: 960 }, low: { resolutionMinutes: 480 } } }), 200);
    await Promise.all([run(), run()]);
    r = await details(r.id);
    expect(r.sla?.resolution.dueAt).toBe('2026-12-08T09:00:00.000Z');
    expect((await recomputed()).map((e) => [e.reason, e.resolutionDueAt])).toEqual([
      ['priority', '2026-12-21T09:00:00.000Z'],
      ['policy', '2026-12-08T09:00:00.000Z'],
    ]);
  });

  it("does not count the requester's own comments as a response; a member's does", async () => {
    t.clock.set('2026-12-07T08:00:00.000Z'); // Monday 09:00 Berlin
    const internal = await makeForm(t, w, { access: 'internal' });
    const { reference } = ok<{ reference: string }>(await submit(t, internal.publicId, { values: goodBody().values }, { user: w.member2 }), 201);
    const r = await details(reference);
    t.clock.advance(30 * 60_000);
    ok(await call(t, w.member2, 'POST', `${api}/items/${r.itemId}/comments`, { body: 'Any news?' }), 201);
    await run();
    expect((await details(r.id)).sla?.firstResponse.metAt).toBeNull();
    t.clock.advance(30 * 60_000);
    ok(await call(t, w.admin, 'POST', `${api}/items/${r.itemId}/comments`, { body: 'Looking now.' }), 201);
    await run();
    expect((await details(r.id)).sla?.firstResponse).toMatchObject({ metAt: '2026-12-07T09:00:00.000Z', state: 'met' });
  });

  it('breaches an unresolved request once, and never warns about risk after the fact', async () => {
    t.clock.set('2026-12-07T08:00:00.000Z');
    const { reference } = ok<{ reference: string }>(await submit(t, publicId, goodBody()), 201);
    const r = await details(reference);
    ok(await call(t, w.member, 'POST', `${api}/requests/${r.id}/accept`, {}), 200);
    // The job was down for days: the first pass finds the resolution already past due.
    t.clock.set('2026-12-14T08:00:00.000Z');
    await Promise.all([run(), run()]);
    await run();
    expect(await slaEvents(r.id)).toEqual(['request.sla_breached:resolution:null']);
    expect(await query('sla:breached')).toContain(r.itemId);
    const listed = ok<{ data: Req[] }>(await call(t, w.member, 'GET', `${api}/spaces/${w.space.id}/requests?sla=breached`), 200);
    expect(listed.data.map((x) => x.id)).toContain(r.id);
  });

  it('gives no SLA to a priority without targets, and refuses a bad query value', async () => {
    const { reference } = ok<{ reference: string }>(await submit(t, publicId, goodBody({ values: { ...goodBody().values, urgency: 'urgent' } })), 201);
    const r = await details(reference);
    expect(r.sla).toBeNull();
    for (const s of ['sla:breached', 'sla:at_risk', 'sla:on_track']) expect(await query(s)).not.toContain(r.itemId);
    const bad = await call(t, w.member, 'GET', `${api}/workspaces/${w.ws.id}/items?q=${encodeURIComponent('sla:late')}`);
    expect(problem(bad, 400, 'QUERY_INVALID').detail).toMatch(/breached, at_risk, on_track/);
  });
});
