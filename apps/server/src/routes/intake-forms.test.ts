import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type TestApp, testApp } from '../test/harness';
import { api, basicFields, buildWorld, freshEmail, goodBody, intakeDigest, makeForm, ok, problem, submit, type World } from './intake-test-kit';

describe.each(testDialects())('intake forms and public submissions on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await testApp(dialect);
    w = await buildWorld(t);
  });
  afterAll(async () => t.close());

  it('creates, lists and updates forms; refuses bad field maps with every problem named', async () => {
    const bad = await call(t, w.owner, 'POST', `${api}/spaces/${w.space.id}/forms`, {
      name: 'Bad',
      fields: [
        { key: 'a', label: 'A', kind: 'long_text', mapsTo: 'title' },
        { key: 'b', label: 'B', kind: 'short_text', mapsTo: 'due' },
        { key: 'c', label: 'C', kind: 'choice', mapsTo: 'priority', options: [{ value: 'whenever', label: 'Whenever' }] },
      ],
    });
    const p = problem(bad, 400, 'VALIDATION_FAILED');
    expect(p.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['body.fields.0.mapsTo', 'body.fields.1.mapsTo', 'body.fields.2.mapsTo']));
    const missingField = await call(t, w.owner, 'POST', `${api}/spaces/${w.space.id}/forms`, { name: 'X', fields: [...basicFields, { key: 'x', label: 'X', kind: 'short_text', mapsTo: 'field', fieldId: 'nope' }] });
    expect(problem(missingField, 400, 'VALIDATION_FAILED').errors?.[0].path).toBe('body.fields.5.fieldId');

    const form = await makeForm(t, w);
    expect(form.publicId).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(form).toMatchObject({ access: 'public', itemType: 'request', priority: 'none', path: `/api/v1/forms/${form.publicId}`, abilities: { manage: true, read: true } });
    const list = ok<{ data: Array<{ id: string }> }>(await call(t, w.member, 'GET', `${api}/spaces/${w.space.id}/forms`), 200);
    expect(list.data.map((f) => f.id)).toContain(form.id);
    const renamed = ok<{ name: string; version: number }>(await call(t, w.member, 'PATCH', `${api}/forms/${form.id}`, { version: form.version, name: 'IT help desk' }), 200);
    expect(renamed).toMatchObject({ name: 'IT help desk', version: 2 });
    problem(await call(t, w.member, 'PATCH', `${api}/forms/${form.id}`, { version: 1, name: 'Stale' }), 409, 'VERSION_CONFLICT');
    problem(await call(t, w.guest, 'POST', `${api}/spaces/${w.space.id}/forms`, { name: 'G', fields: basicFields }), 403, 'FORBIDDEN');
    problem(await call(t, w.outsider, 'GET', `${api}/spaces/${w.space.id}/forms`), 404, 'SPACE_NOT_FOUND');
  });

  it('shows a public form to anyone without ids, mappings or people', async () => {
    const form = await makeForm(t, w, { assigneeRule: { kind: 'fixed', userId: w.member.id } });
    const res = ok<Record<string, unknown>>(await call(t, null, 'GET', `${api}/forms/${form.publicId}`), 200);
    expect(res).toMatchObject({ name: 'IT help', workspaceName: 'Acme IT', asksForEmail: true, honeypot: 'homepage', closed: false });
    expect(JSON.stringify(res)).not.toMatch(new RegExp([w.space.id, w.member.id, form.id, 'mapsTo', 'fieldId'].join('|')));
    problem(await call(t, null, 'GET', `${api}/forms/nosuchform`), 404, 'FORM_NOT_FOUND');
  });

  it('turns a public submission into a request item through the core create path', async () => {
    const field = ok<{ id: string }>(await call(t, w.owner, 'POST', `${api}/workspaces/${w.ws.id}/fields`, { name: 'Cost centre', type: 'text' }), 201);
    const form = await makeForm(t, w, { fields: [...basicFields, { key: 'cost', label: 'Cost centre', kind: 'short_text', mapsTo: 'field', fieldId: field.id }] });
    const email = 'Ana.Requester@Customer.Example';
    const receipt = ok<{ reference: string; statusPath: string }>(await submit(t, form.publicId, goodBody({ email, values: { ...goodBody().values, cost: 'CC-12' } })), 201);
    expect(receipt.reference).toMatch(/^REQ-[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(receipt.statusPath).toBe(`/api/v1/requests/${receipt.reference}`);

    const req = await t.deps.store.db.selectFrom('intake_requests').selectAll().where('reference', '=', receipt.reference).executeTakeFirstOrThrow();
    expect(req).toMatchObject({ state: 'triage', requester_email: 'ana.requester@customer.example', requester_user_id: null, form_id: form.id });
    const item = ok<Record<string, unknown>>(await call(t, w.member, 'GET', `${api}/items/${req.item_id}`), 200);
    const backlog = w.space.statuses.find((s) => s.category === 'backlog')?.id;
    expect(item).toMatchObject({ title: 'Laptop will not boot', type: 'request', priority: 'high', dueAt: '2026-12-01', statusId: backlog, fields: { [field.id]: 'CC-12' }, createdBy: w.owner.id });
    expect(item.description).toBe('It shows a **blue** screen.\n\n- **Team:** Finance');
    expect(item.key).toMatch(new RegExp(`^${w.space.key}-\\d+$`));

    // Events: the item's creation has no actor (no account); the requester is in request.submitted.
    const events = await t.deps.store.db.selectFrom('events').selectAll().where('item_id', '=', req.item_id).orderBy('id').execute();
    expect(events.map((e) => [e.type, e.actor_id])).toEqual([
      ['item.created', null],
      ['request.submitted', null],
    ]);
    expect(JSON.parse(events[1].data)).toMatchObject({ reference: receipt.reference, requesterEmail: 'ana.requester@customer.example', via: 'public', formId: form.id });
    // The search index saw it (the core path indexes new items).
    const found = ok<{ data: Array<{ id: string }> }>(await call(t, w.member, 'GET', `${api}/workspaces/${w.ws.id}/items?q=${encodeURIComponent('blue screen')}`), 200);
    expect(found.data.map((i) => i.id)).toContain(req.item_id);
  });

  it('shows the requester their status by reference and nothing internal', async () => {
    const form = await makeForm(t, w, { assigneeRule: { kind: 'fixed', userId: w.member.id } });
    const { reference } = ok<{ reference: string }>(await submit(t, form.publicId, goodBody()), 201);
    const r = await t.deps.store.db.selectFrom('intake_requests').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
    ok(await call(t, w.member, 'POST', `${api}/items/${r.item_id}/comments`, { body: 'Internal note: SECRET-TOKEN-XYZ' }), 201);
    const status = ok<Record<string, unknown>>(await call(t, null, 'GET', `${api}/requests/${reference.toLowerCase()}`), 200);
    expect(status).toEqual({ reference, title: 'Laptop will not boot', state: 'triage', statusCategory: 'backlog', declineReason: null, original: null, submittedAt: r.created_at });
    const body = JSON.stringify(status);
    for (const secret of ['SECRET-TOKEN-XYZ', w.member.email, w.member.id, r.item_id, r.requester_email, w.space.key, w.space.id]) expect(body).not.toContain(secret);
    problem(await call(t, null, 'GET', `${api}/requests/REQ-0000000000000000`), 404, 'REQUEST_NOT_FOUND');
  });

  it('refuses abuse with clear 4xx problem documents and writes nothing', async () => {
    const form = await makeForm(t, w);
    const before = await intakeDigest(t);
    const cases: Array<[string, unknown, number, string, string?]> = [
      ['title too long', goodBody({ values: { ...goodBody().values, summary: 'x'.repeat(201) } }), 400, 'VALIDATION_FAILED', 'body.values.summary'],
      ['long text past the form limit', goodBody({ values: { ...goodBody().values, details: 'y'.repeat(10_001) } }), 400, 'VALIDATION_FAILED', 'body.values.details'],
      ['value past the schema limit', goodBody({ values: { ...goodBody().values, details: 'y'.repeat(20_001) } }), 400, 'VALIDATION_FAILED', 'body.values.details'],
      ['missing required field', goodBody({ values: { summary: 'Help', urgency: 'low' } }), 400, 'VALIDATION_FAILED', 'body.values.team'],
      ['missing title', goodBody({ values: { team: 'Ops' } }), 400, 'VALIDATION_FAILED', 'body.values.summary'],
      ['invalid email', goodBody({ email: 'not-an-address' }), 400, 'VALIDATION_FAILED', 'body.email'],
      ['missing email', { values: goodBody().values }, 400, 'VALIDATION_FAILED', 'body.email'],
      ['unknown field', goodBody({ values: { ...goodBody().values, extra: 'x' } }), 400, 'VALIDATION_FAILED', 'body.values.extra'],
      ['choice outside the options', goodBody({ values: { ...goodBody().values, urgency: 'yesterday' } }), 400, 'VALIDATION_FAILED', 'body.values.urgency'],
      ['bad date', goodBody({ values: { ...goodBody().values, needed_by: '2026-02-30' } }), 400, 'VALIDATION_FAILED', 'body.values.needed_by'],
      ['unknown body key', { ...goodBody(), admin: true }, 400, 'VALIDATION_FAILED'],
      ['body over 64 KiB', goodBody({ values: { ...goodBody().values, details: 'z'.repeat(15_000), a: 'z'.repeat(15_000), b: 'z'.repeat(15_000), c: 'z'.repeat(15_000), d: 'z'.repeat(15_000) } }), 413, 'PAYLOAD_TOO_LARGE'],
    ];
    for (const [what, body, status, code, path] of cases) {
      const res = await submit(t, form.publicId, body);
      const p = problem(res, status, code);
      if (path) expect({ what, paths: p.errors?.map((e) => e.path) }).toEqual({ what, paths: expect.arrayContaining([path]) });
    }
    problem(await submit(t, 'no-such-form', goodBody()), 404, 'FORM_NOT_FOUND');
    expect(await intakeDigest(t)).toBe(before);
  });

  it('silently discards a submission whose honeypot is filled', async () => {
    const form = await makeForm(t, w);
    const before = await intakeDigest(t);
    const res = ok<{ reference: string }>(await submit(t, form.publicId, goodBody({ homepage: 'http://spam.example' })), 201);
    expect(res.reference).toMatch(/^REQ-/);
    expect(await intakeDigest(t)).toBe(before);
    problem(await call(t, null, 'GET', `${api}/requests/${res.reference}`), 404, 'REQUEST_NOT_FOUND');
  });

  it('limits a flood per email address and per client address (429, nothing written), and lets them in again later', async () => {
    const form = await makeForm(t, w);
    const email = freshEmail();
    for (let i = 0; i < 5; i++) ok(await submit(t, form.publicId, goodBody({ email })), 201);
    const before = await intakeDigest(t);
    problem(await submit(t, form.publicId, goodBody({ email: email.toUpperCase() })), 429, 'RATE_LIMITED');
    expect(await intakeDigest(t)).toBe(before);
    // Another address from another client is not held back.
    ok(await submit(t, form.publicId, goodBody()), 201);

    const ip = '203.0.113.7';
    for (let i = 0; i < 20; i++) ok(await submit(t, form.publicId, goodBody(), { ip }), 201);
    const mid = await intakeDigest(t);
    problem(await submit(t, form.publicId, goodBody(), { ip }), 429, 'RATE_LIMITED');
    expect(await intakeDigest(t)).toBe(mid);

    t.clock.advance(60 * 60 * 1000 + 1);
    ok(await submit(t, form.publicId, goodBody({ email })), 201);
    ok(await submit(t, form.publicId, goodBody(), { ip }), 201);
  });

  it('keeps internal forms for signed-in readers of the space, who become the requester', async () => {
    const form = await makeForm(t, w, { access: 'internal' });
    const read = ok<{ asksForEmail: boolean }>(await call(t, w.guest, 'GET', `${api}/forms/${form.publicId}`), 200);
    expect(read.asksForEmail).toBe(false);
    const before = await intakeDigest(t);
    problem(await call(t, null, 'GET', `${api}/forms/${form.publicId}`), 401, 'UNAUTHENTICATED');
    problem(await submit(t, form.publicId, goodBody()), 401, 'UNAUTHENTICATED');
    problem(await submit(t, form.publicId, goodBody(), { user: w.outsider }), 404, 'FORM_NOT_FOUND');
    problem(await call(t, w.outsider, 'GET', `${api}/forms/${form.publicId}`), 404, 'FORM_NOT_FOUND');
    expect(await intakeDigest(t)).toBe(before);
    const { reference } = ok<{ reference: string }>(await submit(t, form.publicId, { values: goodBody().values }, { user: w.guest }), 201);
    const r = await t.deps.store.db.selectFrom('intake_requests').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
    expect(r).toMatchObject({ requester_user_id: w.guest.id, requester_email: w.guest.email, ip_hash: null });
    const created = await t.deps.store.db.selectFrom('events').select(['type', 'actor_id']).where('item_id', '=', r.item_id).orderBy('id').execute();
    expect(created).toEqual([
      { type: 'item.created', actor_id: w.guest.id },
      { type: 'request.submitted', actor_id: w.guest.id },
    ]);
  });

  it('answers 410 for a closed form', async () => {
    const form = await makeForm(t, w);
    ok(await call(t, w.owner, 'PATCH', `${api}/forms/${form.id}`, { version: form.version, closed: true }), 200);
    expect(ok<{ closed: boolean }>(await call(t, null, 'GET', `${api}/forms/${form.publicId}`), 200).closed).toBe(true);
    const before = await intakeDigest(t);
    problem(await submit(t, form.publicId, goodBody()), 410, 'FORM_CLOSED');
    expect(await intakeDigest(t)).toBe(before);
  });

  it('assigns by rule: fixed, round robin (skipping people who left), least loaded in a team', async () => {
    const assignees = async (publicId: string) => {
      const { reference } = ok<{ reference: string }>(await submit(t, publicId, goodBody()), 201);
      const r = await t.deps.store.db.selectFrom('intake_requests').select('item_id').where('reference', '=', reference).executeTakeFirstOrThrow();
      return (await t.deps.store.db.selectFrom('item_assignees').select('user_id').where('item_id', '=', r.item_id).execute()).map((a) => a.user_id);
    };
    const fixed = await makeForm(t, w, { assigneeRule: { kind: 'fixed', userId: w.member.id } });
    expect(await assignees(fixed.publicId)).toEqual([w.member.id]);

    // Someone outside the workspace is refused when the form is made.
    const withOutsider = await call(t, w.owner, 'POST', `${api}/spaces/${w.space.id}/forms`, { name: 'RR', fields: basicFields, assigneeRule: { kind: 'round_robin', userIds: [w.member.id, w.outsider.id] } });
    expect(problem(withOutsider, 400, 'VALIDATION_FAILED').errors?.[0].path).toBe('body.assigneeRule.userIds');
    const rr2 = await makeForm(t, w, { assigneeRule: { kind: 'round_robin', userIds: [w.member.id, w.member2.id, w.admin.id] } });
    expect([await assignees(rr2.publicId), await assignees(rr2.publicId), await assignees(rr2.publicId), await assignees(rr2.publicId)]).toEqual([[w.member.id], [w.member2.id], [w.admin.id], [w.member.id]]);
    await t.deps.store.db.deleteFrom('members').where('workspace_id', '=', w.ws.id).where('user_id', '=', w.admin.id).execute();
    const next = [await assignees(rr2.publicId), await assignees(rr2.publicId)];
    expect(next.flat().every((id) => id === w.member.id || id === w.member2.id)).toBe(true);

    const team = ok<{ id: string }>(await call(t, w.owner, 'POST', `${api}/workspaces/${w.ws.id}/teams`, { name: 'Support', memberIds: [w.member.id, w.member2.id] }), 201);
    const ll = await makeForm(t, w, { assigneeRule: { kind: 'least_loaded', teamId: team.id } });
    const open = async (id: string) =>
      Number(
        (
          await t.deps.store.db
            .selectFrom('item_assignees as a')
            .innerJoin('items as i', 'i.id', 'a.item_id')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('a.user_id', '=', id)
            .where('i.status_category', 'not in', ['done', 'canceled'])
            .executeTakeFirstOrThrow()
        ).n,
      );
    for (let i = 0; i < 3; i++) {
      const [a, b] = [await open(w.member.id), await open(w.member2.id)];
      const expected = a < b ? w.member.id : b < a ? w.member2.id : [w.member.id, w.member2.id].sort()[0];
      expect(await assignees(ll.publicId)).toEqual([expected]);
    }
  });
});
