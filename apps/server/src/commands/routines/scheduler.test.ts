import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS } from '../../jobs';
import { runJobsOnce } from '../../jobs/runner';
import { buildSpace, type SpaceJson, statusIn } from '../../test/factories';
import { buildMember, buildUser, buildWorkspace, call, type TestApp, testApp, type TestUser } from '../../test/harness';
import { runRoutines } from './run-routines';

const api = '/api/v1';

type Made = { key: string; title: string; due_at: string | null; created_at: string; completed_at: string | null; id: string; parent_id: string | null };

describe.each(testDialects())('routine scheduler on %s', (dialect) => {
  let t: TestApp;
  let owner: TestUser;
  let ana: TestUser;
  let bo: TestUser;
  let cy: TestUser;
  let ws: { id: string };
  let space: SpaceJson;

  beforeAll(async () => {
    t = await testApp(dialect);
    owner = await buildUser(t, { name: 'Olga' });
    ws = await buildWorkspace(t, owner);
    ana = await buildMember(t, ws.id, 'member', { name: 'Ana' });
    bo = await buildMember(t, ws.id, 'member', { name: 'Bo' });
    cy = await buildMember(t, ws.id, 'member', { name: 'Cy' });
    space = await buildSpace(t, owner, ws.id);
  });
  afterAll(async () => t.close());

  async function routine(body: Record<string, unknown>, at: string) {
    t.clock.set(at);
    const res = await call(t, ana, 'POST', `${api}/spaces/${space.id}/routines`, { name: 'R', template: { title: 'Chore {{date}}' }, ...body });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json() as { id: string; version: number };
  }
  /** Items made by a routine, oldest occurrence first (subitems excluded). */
  async function itemsOf(routineId: string): Promise<Made[]> {
    return t.deps.store.db
      .selectFrom('routine_occurrences')
      .innerJoin('items', 'items.id', 'routine_occurrences.item_id')
      .select(['items.id', 'items.key', 'items.title', 'items.due_at', 'items.created_at', 'items.completed_at', 'items.parent_id'])
      .where('routine_occurrences.routine_id', '=', routineId)
      .orderBy('routine_occurrences.occurrence_at')
      .execute();
  }
  const runAt = async (at: string) => {
    t.clock.set(at);
    return runRoutines(t.deps, t.clock.now());
  };
  const complete = async (itemId: string) => {
    const res = await call(t, owner, 'PATCH', `${api}/items/${itemId}`, { statusId: statusIn(space, 'done'), version: 1 });
    if (res.statusCode !== 200) throw new Error(res.body);
  };

  it('weekdays 09:00 Europe/Berlin across the spring change; each occurrence exactly once, through the core item path', async () => {
    const r = await routine({ recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', timeZone: 'Europe/Berlin', start: '2026-03-26T09:00' }, template: { title: 'Standup {{date:ddd D MMM}}', priority: 'high' } }, '2026-03-26T06:00:00Z');
    for (const at of ['2026-03-26T08:00:00Z', '2026-03-26T08:00:30Z', '2026-03-27T08:00:00Z', '2026-03-30T07:00:00Z']) {
      await runAt(at);
      await runJobsOnce(t.deps); // the runner's job does the same pass: must not duplicate
    }
    const made = await itemsOf(r.id);
    expect(made.map((i) => i.due_at)).toEqual(['2026-03-26T08:00:00.000Z', '2026-03-27T08:00:00.000Z', '2026-03-30T07:00:00.000Z']);
    expect(made.map((i) => i.title)).toEqual(['Standup Thu 26 Mar', 'Standup Fri 27 Mar', 'Standup Mon 30 Mar']);
    const first = made[0] as Made;
    const activity = (await call(t, owner, 'GET', `${api}/items/${first.id}/activity`)).json().data.map((e: { type: string }) => e.type);
    expect(activity).toEqual(expect.arrayContaining(['item.created', 'routine.occurrence_created']));
  });

  it('lead time: the item appears N days before its due date; the due date is the occurrence', async () => {
    const r = await routine({ recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=15', timeZone: 'UTC', start: '2026-05-01T10:00' }, leadDays: 3 }, '2026-05-01T00:00:00Z');
    await runAt('2026-05-11T23:59:00Z');
    expect(await itemsOf(r.id)).toHaveLength(0);
    await runAt('2026-05-12T10:00:00Z');
    const made = await itemsOf(r.id);
    expect(made.map((i) => [i.created_at, i.due_at])).toEqual([['2026-05-12T10:00:00.000Z', '2026-05-15T10:00:00.000Z']]);
  });

  it('rotation is round-robin and skips a member who was removed', async () => {
    const r = await routine({ recurrence: { rrule: 'FREQ=DAILY', timeZone: 'UTC', start: '2026-06-01T09:00' }, rotation: [ana.id, bo.id, cy.id] }, '2026-06-01T00:00:00Z');
    await runAt('2026-06-01T09:00:00Z');
    expect((await call(t, owner, 'DELETE', `${api}/workspaces/${ws.id}/members/${bo.id}`)).statusCode).toBe(204);
    for (const day of ['02', '03', '04']) await runAt(`2026-06-${day}T09:00:00Z`);
    const made = await itemsOf(r.id);
    const who = [];
    for (const i of made) who.push((await t.deps.store.db.selectFrom('item_assignees').select('user_id').where('item_id', '=', i.id).execute()).map((a) => a.user_id));
    expect(who).toEqual([[ana.id], [cy.id], [ana.id], [cy.id]]);
  });

  it('skip while open: no new item while the previous is open; completing one never reopens anything', async () => {
    const r = await routine({ recurrence: { rrule: 'FREQ=DAILY', timeZone: 'UTC', start: '2026-07-01T09:00' }, skipWhileOpen: true }, '2026-07-01T00:00:00Z');
    await runAt('2026-07-01T09:00:00Z');
    await runAt('2026-07-02T09:00:00Z');
    let made = await itemsOf(r.id);
    expect(made).toHaveLength(1);
    const occ = (await call(t, ana, 'GET', `${api}/routines/${r.id}/occurrences`)).json().data;
    expect(occ.map((o: { localDate: string; state: string; reason: string | null }) => [o.localDate, o.state, o.reason])).toEqual([
      ['2026-07-02', 'skipped', 'previous_open'],
      ['2026-07-01', 'created', null],
    ]);
    await complete((made[0] as Made).id);
    await runAt('2026-07-03T09:00:00Z');
    made = await itemsOf(r.id);
    expect(made.map((i) => i.due_at)).toEqual(['2026-07-01T09:00:00.000Z', '2026-07-03T09:00:00.000Z']);
    expect((made[0] as Made).completed_at).not.toBeNull();
  });

  it('after completion: the next one appears N units after the previous is completed', async () => {
    const r = await routine({ anchor: 'completion', recurrence: { rrule: 'FREQ=DAILY;INTERVAL=3', timeZone: 'Europe/Berlin', start: '2026-08-03T08:00' } }, '2026-08-01T00:00:00Z');
    await runAt('2026-08-03T06:00:00Z');
    let made = await itemsOf(r.id);
    expect(made.map((i) => i.due_at)).toEqual(['2026-08-03T06:00:00.000Z']);
    await runAt('2026-08-10T12:00:00Z'); // still open a week later: nothing new
    expect(await itemsOf(r.id)).toHaveLength(1);
    await complete((made[0] as Made).id); // completed on 2026-08-10 (Berlin) → next due 2026-08-13 08:00 Berlin
    await runAt('2026-08-10T12:00:30Z');
    expect((await call(t, ana, 'GET', `${api}/routines/${r.id}`)).json().nextAt).toBe('2026-08-13T06:00:00.000Z');
    await runAt('2026-08-13T05:59:00Z');
    expect(await itemsOf(r.id)).toHaveLength(1);
    await runAt('2026-08-13T06:00:00Z');
    await runAt('2026-08-13T06:00:30Z');
    made = await itemsOf(r.id);
    expect(made.map((i) => i.due_at)).toEqual(['2026-08-03T06:00:00.000Z', '2026-08-13T06:00:00.000Z']);
    const preview = (await call(t, ana, 'GET', `${api}/routines/${r.id}/preview`)).json();
    expect(preview).toMatchObject({ waitingForCompletion: true, occurrences: [] });
  });

  it('pause stops creation; resume continues from now without creating the paused dates', async () => {
    const r = await routine({ recurrence: { rrule: 'FREQ=DAILY', timeZone: 'UTC', start: '2026-09-01T09:00' } }, '2026-09-01T00:00:00Z');
    await runAt('2026-09-01T09:00:00Z');
    t.clock.set('2026-09-01T10:00:00Z');
    expect((await call(t, ana, 'POST', `${api}/routines/${r.id}/pause`)).statusCode).toBe(200);
    await runAt('2026-09-02T09:00:00Z');
    await runAt('2026-09-03T09:00:00Z');
    expect(await itemsOf(r.id)).toHaveLength(1);
    t.clock.set('2026-09-03T12:00:00Z');
    expect((await call(t, ana, 'POST', `${api}/routines/${r.id}/resume`)).json().nextAt).toBe('2026-09-04T09:00:00.000Z');
    await runAt('2026-09-04T09:00:00Z');
    expect((await itemsOf(r.id)).map((i) => i.due_at)).toEqual(['2026-09-01T09:00:00.000Z', '2026-09-04T09:00:00.000Z']);
  });

  it('edit the series (future changes, created items stay) and edit, skip or postpone one occurrence', async () => {
    const r = await routine({ recurrence: { rrule: 'FREQ=DAILY', timeZone: 'UTC', start: '2026-10-01T09:00' }, template: { title: 'Old', checklist: ['Step one', 'Step two'] } }, '2026-10-01T00:00:00Z');
    await runAt('2026-10-01T09:00:00Z');
    t.clock.set('2026-10-01T10:00:00Z');
    const edited = await call(t, ana, 'PATCH', `${api}/routines/${r.id}`, { version: 1, template: { title: 'New {{date:D}}' } });
    expect(edited.statusCode).toBe(200);
    const one = await call(t, ana, 'PATCH', `${api}/routines/${r.id}/occurrences/2026-10-02`, { title: 'Special one', priority: 'urgent' });
    expect(one.statusCode).toBe(200);
    expect((await call(t, ana, 'POST', `${api}/routines/${r.id}/occurrences/2026-10-03/skip`)).statusCode).toBe(200);
    const moved = await call(t, ana, 'POST', `${api}/routines/${r.id}/occurrences/2026-10-04/postpone`, { days: 2 });
    expect(moved.json()).toMatchObject({ state: 'pending', dueAt: '2026-10-06T09:00:00.000Z' });
    const preview = (await call(t, ana, 'GET', `${api}/routines/${r.id}/preview?count=4`)).json();
    expect(preview.occurrences.map((o: { state: string; title: string }) => [o.state, o.title])).toEqual([
      ['edited', 'Special one'],
      ['skipped', 'New 3'],
      ['postponed', 'New 4'],
      ['scheduled', 'New 5'],
    ]);
    // Refusals: a created occurrence (409), a date that is not an occurrence (404).
    expect((await call(t, ana, 'POST', `${api}/routines/${r.id}/occurrences/2026-10-01/skip`)).json().code).toBe('OCCURRENCE_ALREADY_CREATED');
    expect((await call(t, ana, 'POST', `${api}/routines/${r.id}/occurrences/2027-13-01/skip`)).statusCode).toBe(400);
    expect((await call(t, ana, 'POST', `${api}/routines/${r.id}/occurrences/2026-09-01/skip`)).json().code).toBe('OCCURRENCE_NOT_FOUND');
    for (const day of ['02', '03', '04', '05', '06']) await runAt(`2026-10-${day}T09:00:00Z`);
    const made = await itemsOf(r.id);
    expect(made.map((i) => [i.title, i.due_at])).toEqual([
      ['Old', '2026-10-01T09:00:00.000Z'],
      ['Special one', '2026-10-02T09:00:00.000Z'],
      ['New 4', '2026-10-06T09:00:00.000Z'],
      ['New 5', '2026-10-05T09:00:00.000Z'],
      ['New 6', '2026-10-06T09:00:00.000Z'],
    ]);
    const children = await t.deps.store.db.selectFrom('items').select(['title']).where('parent_id', '=', (made[0] as Made).id).orderBy('number').execute();
    expect(children.map((c) => c.title)).toEqual(['Step one', 'Step two']);
  });

  it('clears a skip, a postpone or an edit before creation; refuses created, passed and plain occurrences', async () => {
    const r = await routine({ recurrence: { rrule: 'FREQ=DAILY', timeZone: 'UTC', start: '2026-11-01T09:00' }, template: { title: 'Day {{date:D}}' } }, '2026-11-01T00:00:00Z');
    await runAt('2026-11-01T09:00:00Z');
    const occ = (d: string) => `${api}/routines/${r.id}/occurrences/2026-11-${d}`;
    expect((await call(t, ana, 'POST', `${occ('02')}/skip`)).statusCode).toBe(200);
    expect((await call(t, ana, 'POST', `${occ('03')}/postpone`, { days: 3 })).statusCode).toBe(200);
    expect((await call(t, ana, 'PATCH', occ('04'), { title: 'Edited' })).statusCode).toBe(200);
    for (const d of ['02', '03', '04']) expect((await call(t, ana, 'DELETE', occ(d))).statusCode).toBe(204);
    const preview = (await call(t, ana, 'GET', `${api}/routines/${r.id}/preview?count=3`)).json();
    expect(preview.occurrences.map((o: { state: string; title: string }) => [o.state, o.title])).toEqual([
      ['scheduled', 'Day 2'],
      ['scheduled', 'Day 3'],
      ['scheduled', 'Day 4'],
    ]);
    // Nothing left to clear (404), already created (409), a guest or outsider cannot (404 for those who cannot see it).
    expect((await call(t, ana, 'DELETE', occ('02'))).json().code).toBe('OCCURRENCE_NOT_FOUND');
    expect((await call(t, ana, 'DELETE', occ('01'))).json().code).toBe('OCCURRENCE_ALREADY_CREATED');
    // A postponed occurrence whose original date the scheduler has passed cannot be cleared (it would be lost).
    expect((await call(t, ana, 'POST', `${occ('05')}/postpone`, { days: 2 })).statusCode).toBe(200);
    for (const d of ['02', '03', '04', '05']) await runAt(`2026-11-${d}T09:00:00Z`);
    expect((await call(t, ana, 'DELETE', occ('05'))).json().code).toBe('OCCURRENCE_PASSED');
    const events = await t.deps.store.db.selectFrom('events').select('type').where('type', '=', 'routine.occurrence_cleared').where('data', 'like', `%${r.id}%`).execute();
    expect(events).toHaveLength(3);
    expect((await itemsOf(r.id)).map((i) => i.title)).toEqual(['Day 1', 'Day 2', 'Day 3', 'Day 4']);
  });

  it('catch-up after downtime: only the latest missed occurrence is created; the skipped ones are noted in its activity', async () => {
    const r = await routine({ recurrence: { rrule: 'FREQ=DAILY', timeZone: 'UTC', start: '2026-11-01T09:00' } }, '2026-11-01T00:00:00Z');
    await runAt('2026-11-01T09:00:00Z');
    await runAt('2026-11-05T15:00:00Z'); // the server was down from the 1st to the 5th
    const made = await itemsOf(r.id);
    expect(made.map((i) => i.due_at)).toEqual(['2026-11-01T09:00:00.000Z', '2026-11-05T09:00:00.000Z']);
    const activity = (await call(t, owner, 'GET', `${api}/items/${(made[1] as Made).id}/activity`)).json().data;
    const missed = activity.find((e: { type: string }) => e.type === 'routine.occurrences_missed');
    expect(missed.data).toMatchObject({ count: 3, dates: ['2026-11-02', '2026-11-03', '2026-11-04'] });
    expect((await call(t, ana, 'GET', `${api}/routines/${r.id}`)).json().nextAt).toBe('2026-11-06T09:00:00.000Z');
  });

  it('survives a restart: a second set of collaborators on the same database continues without duplicates', async () => {
    const r = await routine({ recurrence: { rrule: 'FREQ=DAILY', timeZone: 'UTC', start: '2026-12-01T09:00' } }, '2026-12-01T00:00:00Z');
    await runAt('2026-12-01T09:00:00Z');
    const restarted = { ...t.deps, bus: t.deps.bus };
    t.clock.set('2026-12-02T09:00:00Z');
    await runRoutines(restarted, t.clock.now());
    await runRoutines(t.deps, t.clock.now());
    expect((await itemsOf(r.id)).map((i) => i.due_at)).toEqual(['2026-12-01T09:00:00.000Z', '2026-12-02T09:00:00.000Z']);
  });

  it('records why an occurrence could not be made and retries later', async () => {
    const r = await routine({ recurrence: { rrule: 'FREQ=DAILY', timeZone: 'UTC', start: '2026-11-20T09:00' } }, '2026-11-20T00:00:00Z');
    await t.deps.store.db.updateTable('spaces').set({ archived_at: '2026-11-20T00:00:00.000Z' }).where('id', '=', space.id).execute();
    const res = await runAt('2026-11-20T09:00:00Z');
    expect(res.failed).toBeGreaterThan(0);
    const got = (await call(t, ana, 'GET', `${api}/routines/${r.id}`)).json();
    expect(got.lastError).toContain('archived');
    expect(got.nextCreateAt).toBe('2026-11-20T10:00:00.000Z');
    await t.deps.store.db.updateTable('spaces').set({ archived_at: null }).where('id', '=', space.id).execute();
    await runAt('2026-11-20T10:00:00Z');
    expect((await itemsOf(r.id)).map((i) => i.due_at)).toEqual(['2026-11-20T09:00:00.000Z']);
    expect((await call(t, ana, 'GET', `${api}/routines/${r.id}`)).json().lastError).toBeNull();
  });

  it('several processes run the jobs at once (cluster mode): every routine occurrence and check-in prompt exactly once', async () => {
    // Three runners start every job at the same instant each day. On PostgreSQL each takes its own
    // pooled connection, as separate `weft serve` processes would; a job that threw (a unique key
    // lost the race and was not handled) rejects here instead of being logged by runJobsOnce.
    t.clock.set('2026-12-21T00:00:00Z');
    const routines = [];
    for (let n = 0; n < 3; n++) routines.push(await routine({ recurrence: { rrule: 'FREQ=DAILY', timeZone: 'UTC', start: '2026-12-21T09:00' } }, '2026-12-21T00:00:00Z'));
    const checkin = await call(t, owner, 'POST', `${api}/workspaces/${ws.id}/checkins`, {
      name: 'Daily',
      question: 'Anything blocking you?',
      recurrence: { rrule: 'FREQ=DAILY', timeZone: 'UTC', start: '2026-12-21T10:00' },
      participantIds: [ana.id, cy.id],
    });
    expect(checkin.statusCode, checkin.body).toBe(201);
    const days = ['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24'];
    for (const day of days) {
      t.clock.set(`${day}T12:00:00Z`);
      const now = t.clock.now();
      await Promise.all([0, 1, 2].map(() => Promise.all(JOBS.map((job) => job.run(t.deps, now)))));
    }
    for (const r of routines) expect((await itemsOf(r.id)).map((i) => i.due_at)).toEqual(days.map((d) => `${d}T09:00:00.000Z`));
    const occurrences = await t.deps.store.db.selectFrom('checkin_occurrences').select('id').where('checkin_id', '=', checkin.json().id).execute();
    expect(occurrences).toHaveLength(days.length);
    const prompts = await t.deps.store.db
      .selectFrom('checkin_prompts')
      .select(['occurrence_id', 'user_id'])
      .where(
        'occurrence_id',
        'in',
        occurrences.map((o) => o.id),
      )
      .execute();
    expect(prompts).toHaveLength(days.length * 2);
  });
});
