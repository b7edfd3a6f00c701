import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDueOccurrences } from '../commands/checkins/open-occurrence';
import { checkinsJobs } from '../jobs/checkins.job';
import { buildItem, buildSpace, type SpaceJson, statusIn } from '../test/factories';
import { buildMember, buildUser, buildWorkspace, call, dbDigest, type TestApp, testApp, type TestUser } from '../test/harness';

const api = '/api/v1';
const FRIDAYS = { rrule: 'FREQ=WEEKLY;BYDAY=FR', timeZone: 'Europe/Berlin', start: '2026-09-04T16:00' };

describe.each(testDialects())('check-ins on %s', (dialect) => {
  let t: TestApp;
  let owner: TestUser;
  let ana: TestUser; // Berlin
  let ben: TestUser; // New York
  let mia: TestUser; // member, not asked
  let gus: TestUser; // guest, not asked
  let ws: string;
  let space: SpaceJson;

  const member = async (name: string, timeZone: string, role: 'member' | 'guest' = 'member') => {
    const u = await buildUser(t, { name, timeZone });
    await t.deps.store.db.insertInto('members').values({ workspace_id: ws, user_id: u.id, role, created_at: t.clock.now().toISOString(), version: 1 }).execute();
    return u;
  };
  /** Sessions expire with the moving clock: sign everyone in again at the current time. */
  const relogin = async (at: string) => {
    t.clock.set(at);
    for (const u of [owner, ana, ben, mia, gus]) {
      const res = await t.app.inject({ method: 'POST', url: `${api}/auth/login`, payload: { email: u.email, password: 'correct horse battery' } });
      const cookie = String(res.headers['set-cookie']).split(';')[0];
      u.cookie = cookie;
      u.headers = { cookie };
    }
  };
  const run = (iso: string) => {
    t.clock.set(iso);
    return checkinsJobs[0].run(t.deps, new Date(iso));
  };
  const occurrences = async (checkinId: string) =>
    t.deps.store.db.selectFrom('checkin_occurrences').selectAll().where('checkin_id', '=', checkinId).orderBy('local_date').execute();
  const prompts = async (checkinId: string) =>
    t.deps.store.db.selectFrom('checkin_prompts').select(['user_id', 'due_at', 'time_zone', 'occurrence_id']).where('checkin_id', '=', checkinId).orderBy('due_at').orderBy('user_id').execute();
  const createCheckin = async (body: Record<string, unknown> = {}) => {
    const res = await call(t, owner, 'POST', `${api}/workspaces/${ws}/checkins`, { name: 'Weekly', question: 'What did you work on this week?', recurrence: FRIDAYS, participantIds: [ana.id, ben.id], ...body });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json();
  };
  const digest = async () => {
    const mine = [];
    for (const table of ['checkins', 'checkin_participants', 'checkin_occurrences', 'checkin_prompts', 'checkin_answers', 'checkin_comments'] as const) {
      mine.push(JSON.stringify(await t.deps.store.db.selectFrom(table).selectAll().execute()));
    }
    return `${await dbDigest(t)}\n${mine.join('\n')}`;
  };

  beforeAll(async () => {
    t = await testApp(dialect);
    t.clock.set('2026-10-01T08:00:00Z');
    owner = await buildUser(t, { name: 'Olive' });
    ws = (await buildWorkspace(t, owner)).id;
    ana = await member('Ana', 'Europe/Berlin');
    ben = await member('Ben', 'America/New_York');
    mia = await buildMember(t, ws, 'member', { name: 'Mia' });
    gus = await member('Gus', 'UTC', 'guest');
    space = await buildSpace(t, owner, ws, { key: 'OPS', name: 'Ops', memberIds: [ana.id, ben.id] });
  });
  afterAll(async () => t.close());

  it('asks each person at 16:00 in their own time zone, across both DST changes', async () => {
    await relogin('2026-10-20T00:00:00Z');
    const c = await createCheckin();
    expect(c).toMatchObject({ participantIds: [ana.id, ben.id].sort(), visibility: 'workspace', abilities: { update: true, answer: false } });
    await run('2026-10-23T13:59:00Z');
    expect(await occurrences(c.id)).toEqual([]);
    // 16:00 in Berlin (CEST, UTC+2) is 14:00Z: Ana is asked, Ben (New York) not yet.
    await run('2026-10-23T14:00:00Z');
    const [occ] = await occurrences(c.id);
    expect(occ).toMatchObject({ local_date: '2026-10-23', opened_at: '2026-10-23T14:00:00.000Z' });
    expect(await prompts(c.id)).toEqual([{ user_id: ana.id, due_at: '2026-10-23T14:00:00.000Z', time_zone: 'Europe/Berlin', occurrence_id: occ.id }]);
    // 16:00 in New York (EDT, UTC-4) is 20:00Z: Ben joins the same occurrence.
    await run('2026-10-23T20:00:00Z');
    expect((await prompts(c.id)).map((p) => [p.user_id, p.due_at])).toEqual([
      [ana.id, '2026-10-23T14:00:00.000Z'],
      [ben.id, '2026-10-23T20:00:00.000Z'],
    ]);
    expect(await occurrences(c.id)).toHaveLength(1);
    // Berlin left summer time on 25 October, New York only on 1 November: 16:00 local either way.
    await run('2026-10-30T21:00:00Z');
    await run('2026-11-06T21:30:00Z');
    await relogin('2026-11-06T21:30:00Z');
    const byDate = (await prompts(c.id)).filter((p) => p.occurrence_id !== occ.id).map((p) => [p.user_id === ana.id ? 'ana' : 'ben', p.due_at]);
    expect(byDate).toEqual([
      ['ana', '2026-10-30T15:00:00.000Z'],
      ['ben', '2026-10-30T20:00:00.000Z'],
      ['ana', '2026-11-06T15:00:00.000Z'],
      ['ben', '2026-11-06T21:00:00.000Z'],
    ]);
    expect((await occurrences(c.id)).map((o) => o.local_date)).toEqual(['2026-10-23', '2026-10-30', '2026-11-06']);
    await call(t, owner, 'DELETE', `${api}/checkins/${c.id}`);
  });

  it('opens each occurrence and prompt exactly once, even with two runs racing', async () => {
    await relogin('2026-11-10T00:00:00Z');
    const c = await createCheckin();
    const at = new Date('2026-11-13T21:00:00Z');
    t.clock.set(at);
    // Two passes at once (on PostgreSQL two connections of the pool, so two real transactions).
    await Promise.all([openDueOccurrences(t.deps, at), openDueOccurrences(t.deps, at), openDueOccurrences(t.deps, at)]);
    await openDueOccurrences(t.deps, at);
    expect(await occurrences(c.id)).toHaveLength(1);
    expect(await prompts(c.id)).toHaveLength(2);
    const events = await t.deps.store.db.selectFrom('events').select(['type', 'data']).where('type', 'in', ['checkin.occurrence_opened', 'checkin.prompted']).execute();
    const ofThis = events.filter((e) => JSON.parse(e.data).checkinId === c.id);
    expect(ofThis.filter((e) => e.type === 'checkin.occurrence_opened')).toHaveLength(1);
    expect(ofThis.filter((e) => e.type === 'checkin.prompted').flatMap((e) => JSON.parse(e.data).prompts.map((p: { userId: string }) => p.userId)).sort()).toEqual([ana.id, ben.id].sort());
    // After downtime only the latest occurrence opens; the missed dates are named in its event.
    await run('2026-12-02T12:00:00Z');
    await run('2026-12-04T21:00:00Z');
    // At 2 December the latest due one is 27 November: it opens, and names 20 November as missed.
    expect((await occurrences(c.id)).map((o) => o.local_date)).toEqual(['2026-11-13', '2026-11-27', '2026-12-04']);
    const opened = await t.deps.store.db.selectFrom('events').select('data').where('type', '=', 'checkin.occurrence_opened').orderBy('id', 'desc').limit(2).execute();
    expect(opened.map((e) => JSON.parse(e.data))).toMatchObject([{ date: '2026-12-04' }, { date: '2026-11-27', missedDates: ['2026-11-20'] }]);
    expect(JSON.parse(opened[0].data).missedDates).toBeUndefined();
    // Paused: nothing opens; resumed: nothing that fell due while paused.
    const v = (await call(t, owner, 'GET', `${api}/checkins/${c.id}`)).json().version;
    expect((await call(t, owner, 'PATCH', `${api}/checkins/${c.id}`, { version: v, paused: true })).json().pausedAt).not.toBeNull();
    await run('2026-12-11T21:00:00Z');
    await relogin('2026-12-11T21:00:00Z');
    expect((await call(t, owner, 'PATCH', `${api}/checkins/${c.id}`, { version: v + 1, paused: false })).json().pausedAt).toBeNull();
    await run('2026-12-12T12:00:00Z');
    expect((await occurrences(c.id)).map((o) => o.local_date)).toEqual(['2026-11-13', '2026-11-27', '2026-12-04']);
    await call(t, owner, 'DELETE', `${api}/checkins/${c.id}`);
  });

  it('drafts what moved for each person since their previous prompt', async () => {
    await relogin('2026-09-01T09:00:00Z');
    const idle = await buildItem(t, owner, space.id, { title: 'Rotate keys', assigneeIds: [ana.id] });
    const stuck = await buildItem(t, owner, space.id, { title: 'Migrate DB', assigneeIds: [ana.id] });
    const blocker = await buildItem(t, owner, space.id, { title: 'Approve budget' });
    const start = await buildItem(t, owner, space.id, { title: 'Write runbook', assigneeIds: [ana.id] });
    const finish = await buildItem(t, owner, space.id, { title: 'Fix alerts', assigneeIds: [ana.id] });
    const bens = await buildItem(t, owner, space.id, { title: 'Ben ships', assigneeIds: [ben.id] });
    expect((await call(t, owner, 'POST', `${api}/items/${stuck.id}/links`, { kind: 'blocked_by', itemId: blocker.id })).statusCode).toBe(201);
    t.clock.set('2026-09-15T10:00:00Z');
    const c = await createCheckin({ spaceId: space.id, agingDays: 7 });
    t.clock.set('2026-09-16T10:00:00Z');
    await call(t, ana, 'PATCH', `${api}/items/${start.id}`, { version: 1, statusId: statusIn(space, 'in_progress') });
    await call(t, ana, 'PATCH', `${api}/items/${finish.id}`, { version: 1, statusId: statusIn(space, 'done') });
    await call(t, ben, 'PATCH', `${api}/items/${bens.id}`, { version: 1, statusId: statusIn(space, 'done') });
    await run('2026-09-18T14:00:00Z');
    const [occ] = await occurrences(c.id);
    const draft = (await call(t, ana, 'GET', `${api}/checkins/${c.id}/occurrences/${occ.id}/draft`)).json();
    expect(draft).toMatchObject({
      from: '2026-09-11T14:00:00.000Z',
      to: '2026-09-18T14:00:00.000Z',
      completed: [{ itemId: finish.id, key: finish.key, title: 'Fix alerts' }],
      started: [{ itemId: start.id, title: 'Write runbook' }],
      blocked: [{ itemId: stuck.id, blockedBy: [{ key: blocker.key, title: 'Approve budget' }] }],
      aging: [{ itemId: idle.id, idleDays: 17 }],
    });
    expect(draft.markdown).toContain(`- ${finish.key} Fix alerts`);
    expect(draft.markdown).toContain(`(waiting on ${blocker.key})`);
    expect(JSON.stringify(draft)).not.toContain('Ben ships');
    // Ben is asked later (New York), and his own draft holds his own work.
    expect((await call(t, ben, 'GET', `${api}/checkins/${c.id}/occurrences/${occ.id}/draft`)).json().code).toBe('FORBIDDEN');
    await run('2026-09-18T20:00:00Z');
    expect((await call(t, ben, 'GET', `${api}/checkins/${c.id}/occurrences/${occ.id}/draft`)).json().completed).toMatchObject([{ title: 'Ben ships' }]);
    // The next week's draft starts where the last one ended: last week's completion is not repeated.
    t.clock.set('2026-09-22T10:00:00Z');
    await call(t, owner, 'PATCH', `${api}/items/${blocker.id}`, { version: 1, statusId: statusIn(space, 'done') });
    await run('2026-09-25T14:00:00Z');
    const next = (await occurrences(c.id))[1];
    const second = (await call(t, ana, 'GET', `${api}/checkins/${c.id}/occurrences/${next.id}/draft`)).json();
    expect(second).toMatchObject({ from: '2026-09-18T14:00:00.000Z', completed: [], started: [], blocked: [] });
    expect(second.aging.map((a: { title: string }) => a.title).sort()).toEqual(['Migrate DB', 'Rotate keys', 'Write runbook']);
    await call(t, owner, 'DELETE', `${api}/checkins/${c.id}`);
  });

  it('answers, edits, skips, comments, and shows who answered', async () => {
    await relogin('2026-11-16T00:00:00Z');
    const c = await createCheckin({ participantIds: [ana.id, ben.id, gus.id] });
    const asked = await call(t, owner, 'POST', `${api}/checkins/${c.id}/occurrences`);
    expect(asked.statusCode, asked.body).toBe(201);
    const occId = asked.json().id;
    expect(asked.json()).toMatchObject({ date: '2026-11-16', counts: { answered: 0, skipped: 0, pending: 3 }, myState: null });
    expect((await call(t, owner, 'POST', `${api}/checkins/${c.id}/occurrences`)).json().code).toBe('ALREADY_EXISTS');
    const url = `${api}/checkins/${c.id}/occurrences/${occId}`;

    const first = await call(t, ana, 'PUT', `${url}/answer`, { body: 'Shipped the **runbook**' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ userId: ana.id, body: 'Shipped the **runbook**', version: 1, abilities: { update: true } });
    expect((await call(t, ana, 'PUT', `${url}/answer`, { body: 'again' })).statusCode).toBe(428);
    expect((await call(t, ana, 'PUT', `${url}/answer`, { body: 'stale', version: 7 })).statusCode).toBe(409);
    const edited = await call(t, ana, 'PUT', `${url}/answer`, { body: 'Shipped the runbook and fixed alerts', version: 1 });
    expect(edited.json()).toMatchObject({ version: 2, editedAt: expect.any(String) });
    // Not asked: no answer, no skip.
    expect((await call(t, mia, 'PUT', `${url}/answer`, { body: 'me too' })).json()).toMatchObject({ status: 403 });
    expect((await call(t, mia, 'POST', `${url}/skip`)).statusCode).toBe(403);
    expect((await call(t, ben, 'POST', `${url}/skip`)).json()).toMatchObject({ occurrenceId: occId });
    expect((await call(t, ana, 'POST', `${url}/skip`)).json().code).toBe('ALREADY_ANSWERED');

    // Others comment on Ana's answer; authors edit their own; admins moderate.
    const answerId = first.json().id;
    const cm = await call(t, mia, 'POST', `${api}/checkin-answers/${answerId}/comments`, { body: 'Nice work' });
    expect(cm.statusCode, cm.body).toBe(201);
    expect((await call(t, ana, 'PATCH', `${api}/checkin-comments/${cm.json().id}`, { version: 1, body: 'hijack' })).statusCode).toBe(403);
    expect((await call(t, mia, 'PATCH', `${api}/checkin-comments/${cm.json().id}`, { version: 1, body: 'Nice work!' })).json()).toMatchObject({ body: 'Nice work!', version: 2 });
    const gone = await call(t, gus, 'POST', `${api}/checkin-answers/${answerId}/comments`, { body: 'From the guest' });
    expect(gone.statusCode).toBe(201);
    expect((await call(t, owner, 'DELETE', `${api}/checkin-comments/${gone.json().id}`)).statusCode).toBe(204);

    const page = (await call(t, mia, 'GET', url)).json();
    expect(page).toMatchObject({ date: '2026-11-16', question: 'What did you work on this week?', answered: [ana.id], skipped: [ben.id], pending: [gus.id], counts: { answered: 1, skipped: 1, pending: 1 } });
    expect(page.answers).toMatchObject([{ userId: ana.id, body: 'Shipped the runbook and fixed alerts', comments: [{ body: 'Nice work!', authorId: mia.id }], abilities: { update: false } }]);
    expect(page.prompts.map((p: { name: string; state: string }) => [p.name, p.state])).toEqual([
      ['Ana', 'answered'],
      ['Ben', 'skipped'],
      ['Gus', 'pending'],
    ]);
    // Answering after skipping takes the skip back.
    await call(t, ben, 'PUT', `${url}/answer`, { body: 'Late, but here' });
    expect((await call(t, ben, 'GET', url)).json()).toMatchObject({ answered: [ana.id, ben.id].sort(), skipped: [], myState: 'answered' });
    const list = (await call(t, gus, 'GET', `${api}/checkins/${c.id}/occurrences`)).json();
    expect(list.data).toMatchObject([{ id: occId, counts: { answered: 2, skipped: 0, pending: 1 }, myState: 'pending' }]);
    const types = (await t.deps.store.db.selectFrom('events').select('type').where('type', 'like', 'checkin.%').execute()).map((e) => e.type);
    expect(new Set(types)).toEqual(
      new Set(['checkin.created', 'checkin.updated', 'checkin.deleted', 'checkin.occurrence_opened', 'checkin.prompted', 'checkin.answered', 'checkin.answer_updated', 'checkin.skipped', 'checkin.comment_created', 'checkin.comment_updated', 'checkin.comment_deleted']),
    );
  });

  it('keeps a private check-in to its participants, its creator and admins', async () => {
    const c = await createCheckin({ visibility: 'participants', participantIds: [ana.id] });
    expect((await call(t, mia, 'GET', `${api}/checkins/${c.id}`)).statusCode).toBe(404);
    expect((await call(t, ana, 'GET', `${api}/checkins/${c.id}`)).statusCode).toBe(200);
    const ids = async (u: TestUser) => (await call(t, u, 'GET', `${api}/workspaces/${ws}/checkins?limit=200`)).json().data.map((x: { id: string }) => x.id);
    expect(await ids(mia)).not.toContain(c.id);
    expect(await ids(ana)).toContain(c.id);
    expect(await ids(owner)).toContain(c.id);
    // The guest sees only check-ins that ask them.
    expect(await ids(gus)).not.toContain(c.id);
    expect((await call(t, ana, 'PATCH', `${api}/checkins/${c.id}`, { version: 1, name: 'Mine now' })).statusCode).toBe(403);
  });

  it('refuses bad input with a 400 naming the field and writes nothing', async () => {
    const c = await createCheckin();
    const before = await digest();
    const post = (body: Record<string, unknown>) => call(t, owner, 'POST', `${api}/workspaces/${ws}/checkins`, { name: 'X', question: 'Q?', recurrence: FRIDAYS, ...body });
    const cases: Array<[ReturnType<typeof call>, number, string | null]> = [
      [post({ recurrence: { ...FRIDAYS, rrule: 'FREQ=SOMETIMES' } }), 400, 'body.recurrence.rrule'],
      [post({ recurrence: { ...FRIDAYS, timeZone: 'Mars/Olympus' } }), 400, 'body.recurrence.timeZone'],
      [post({ recurrence: { ...FRIDAYS, start: '2026-02-30T16:00' } }), 400, 'body.recurrence.start'],
      [post({ participantIds: ['nobody'] }), 400, 'body.participantIds'],
      [post({ teamId: 'noteam' }), 400, 'body.teamId'],
      [post({ spaceId: 'nospace' }), 400, 'body.spaceId'],
      [post({ question: '' }), 400, null],
      [post({ visibility: 'secret' }), 400, null],
      [post({ extra: 1 }), 400, null],
      [call(t, owner, 'PATCH', `${api}/checkins/${c.id}`, { version: 1, agingDays: 0 }), 400, null],
      [call(t, owner, 'PATCH', `${api}/checkins/${c.id}`, { version: 5, name: 'stale' }), 409, null],
      [call(t, mia, 'POST', `${api}/workspaces/${ws}/checkins`, { name: 'X', question: 'Q', recurrence: FRIDAYS, participantIds: ['x'] }), 400, 'body.participantIds'],
      [call(t, gus, 'POST', `${api}/workspaces/${ws}/checkins`, { name: 'X', question: 'Q', recurrence: FRIDAYS }), 403, null],
      [call(t, owner, 'GET', `${api}/checkins/${c.id}/occurrences/nothere`), 404, null],
      [call(t, ana, 'PUT', `${api}/checkins/${c.id}/occurrences/nothere/answer`, { body: 'x' }), 404, null],
    ];
    for (const [p, status, path] of cases) {
      const res = await p;
      expect(res.statusCode, res.body).toBe(status);
      if (path) expect(res.json().errors?.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await digest()).toBe(before);
  });
});
