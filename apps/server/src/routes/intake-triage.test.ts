import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSpace, statusIn } from '../test/factories';
import { call, type TestApp, testApp } from '../test/harness';
import { api, buildWorld, goodBody, intakeDigest, makeForm, ok, problem, submit, type World } from './intake-test-kit';

type Req = { id: string; reference: string; itemId: string; state: string; statusCategory: string; version: number; [k: string]: unknown };

describe.each(testDialects())('request triage on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let publicId: string;
  const fresh = async (): Promise<Req> => {
    const { reference } = ok<{ reference: string }>(await submit(t, publicId, goodBody()), 201);
    return ok<Req>(await call(t, w.member, 'GET', `${api}/requests/${reference}/details`), 200);
  };
  const status = async (reference: string) => ok<Record<string, unknown>>(await call(t, null, 'GET', `${api}/requests/${reference}`), 200);

  beforeAll(async () => {
    t = await testApp(dialect);
    w = await buildWorld(t);
    publicId = (await makeForm(t, w)).publicId;
  });
  afterAll(async () => t.close());

  it('accepts into the first todo status (a decision is the first response), once', async () => {
    const r = await fresh();
    expect(r).toMatchObject({ state: 'triage', statusCategory: 'backlog', requesterEmail: expect.stringMatching(/@customer\.example$/), sla: null, abilities: { read: true, triage: true } });
    t.clock.advance(60_000);
    const accepted = ok<Req>(await call(t, w.member, 'POST', `${api}/requests/${r.id}/accept`, {}), 200);
    expect(accepted).toMatchObject({ state: 'accepted', statusCategory: 'todo', triagedBy: w.member.id, triagedAt: t.clock.now().toISOString() });
    const item = ok<{ statusId: string }>(await call(t, w.member, 'GET', `${api}/items/${r.itemId}`), 200);
    expect(item.statusId).toBe(statusIn(w.space, 'todo'));
    const row = await t.deps.store.db.selectFrom('intake_requests').select('first_response_at').where('id', '=', r.id).executeTakeFirstOrThrow();
    expect(row.first_response_at).toBe(t.clock.now().toISOString());
    const types = (await t.deps.store.db.selectFrom('events').select('type').where('item_id', '=', r.itemId).orderBy('id').execute()).map((e) => e.type);
    expect(types).toEqual(['item.created', 'request.submitted', 'item.moved', 'request.accepted']);
    expect(await status(r.reference)).toMatchObject({ state: 'accepted', statusCategory: 'todo' });
    const before = await intakeDigest(t);
    problem(await call(t, w.member, 'POST', `${api}/requests/${r.id}/accept`, {}), 409, 'REQUEST_ALREADY_TRIAGED');
    problem(await call(t, w.member, 'POST', `${api}/requests/${r.id}/decline`, { reason: 'late' }), 409, 'REQUEST_ALREADY_TRIAGED');
    expect(await intakeDigest(t)).toBe(before);
  });

  it('accepts into a named status, by reference too; refuses a status of another space', async () => {
    const other = await buildSpace(t, w.owner, w.ws.id);
    const r = await fresh();
    const before = await intakeDigest(t);
    const bad = await call(t, w.member, 'POST', `${api}/requests/${r.id}/accept`, { statusId: statusIn(other, 'todo') });
    expect(problem(bad, 400, 'VALIDATION_FAILED').errors?.[0].path).toBe('body.statusId');
    expect(await intakeDigest(t)).toBe(before);
    const inProgress = statusIn(w.space, 'in_progress');
    const accepted = ok<Req>(await call(t, w.admin, 'POST', `${api}/requests/${r.reference}/accept`, { statusId: inProgress }), 200);
    expect(accepted).toMatchObject({ state: 'accepted', statusCategory: 'in_progress' });
  });

  it('declines with a reason the requester sees; guests and strangers may not triage', async () => {
    const r = await fresh();
    const before = await intakeDigest(t);
    problem(await call(t, w.guest, 'POST', `${api}/requests/${r.id}/decline`, { reason: 'no' }), 403, 'FORBIDDEN');
    problem(await call(t, w.outsider, 'POST', `${api}/requests/${r.id}/decline`, { reason: 'no' }), 404, 'REQUEST_NOT_FOUND');
    problem(await call(t, null, 'POST', `${api}/requests/${r.id}/decline`, { reason: 'no' }), 401, 'UNAUTHENTICATED');
    problem(await call(t, w.member, 'POST', `${api}/requests/${r.id}/decline`, { reason: '   ' }), 400, 'VALIDATION_FAILED');
    expect(await intakeDigest(t)).toBe(before);
    const declined = ok<Req>(await call(t, w.member, 'POST', `${api}/requests/${r.id}/decline`, { reason: 'We do not support personal laptops.' }), 200);
    expect(declined).toMatchObject({ state: 'declined', statusCategory: 'canceled', declineReason: 'We do not support personal laptops.' });
    expect(await status(r.reference)).toMatchObject({ state: 'declined', statusCategory: 'canceled', declineReason: 'We do not support personal laptops.', original: null });
  });

  it('merges a duplicate into another request: the duplicate closes and points at it', async () => {
    const original = await fresh();
    const dup = await fresh();
    const before = await intakeDigest(t);
    expect(problem(await call(t, w.member, 'POST', `${api}/requests/${dup.id}/merge`, { into: dup.id }), 400, 'VALIDATION_FAILED').errors?.[0].path).toBe('body.into');
    expect(problem(await call(t, w.member, 'POST', `${api}/requests/${dup.id}/merge`, { into: 'REQ-0000000000000000' }), 400, 'VALIDATION_FAILED').errors?.[0].path).toBe('body.into');
    expect(await intakeDigest(t)).toBe(before);
    const merged = ok<Req>(await call(t, w.member, 'POST', `${api}/requests/${dup.id}/merge`, { into: original.reference }), 200);
    expect(merged).toMatchObject({ state: 'merged', statusCategory: 'canceled', mergedIntoId: original.id, mergedIntoReference: original.reference });
    const page = await status(dup.reference);
    expect(page).toMatchObject({ state: 'merged', original: { statusCategory: 'backlog' }, declineReason: null });
    // The original's reference is another requester's capability: never shown on the duplicate's page.
    expect(JSON.stringify(page)).not.toContain(original.reference);
    // The original is untouched and still waits for triage.
    expect(await status(original.reference)).toMatchObject({ state: 'triage' });
    expect(problem(await call(t, w.member, 'POST', `${api}/requests/${(await fresh()).id}/merge`, { into: dup.id }), 400, 'VALIDATION_FAILED').detail).toMatch(/merged/);
  });

  it("lists a space's requests by triage state, newest first, page by page", async () => {
    const a = await fresh();
    const b = await fresh();
    const triage = ok<{ data: Req[] }>(await call(t, w.member, 'GET', `${api}/spaces/${w.space.id}/requests?state=triage`), 200);
    expect(triage.data.every((r) => r.state === 'triage')).toBe(true);
    expect(triage.data.slice(0, 2).map((r) => r.id)).toEqual([b.id, a.id]);
    const first = ok<{ data: Req[]; nextCursor: string }>(await call(t, w.guest, 'GET', `${api}/spaces/${w.space.id}/requests?limit=1`), 200);
    const second = ok<{ data: Req[] }>(await call(t, w.guest, 'GET', `${api}/spaces/${w.space.id}/requests?limit=1&cursor=${first.nextCursor}`), 200);
    expect(first.data[0].id).toBe(b.id);
    expect(second.data[0].id).toBe(a.id);
    // Guests of the space see requests but not the requesters' addresses; members do.
    expect(first.data[0].requesterEmail).toBeNull();
    expect(triage.data[0].requesterEmail).toMatch(/@/);
    const accepted = ok<{ data: Req[] }>(await call(t, w.member, 'GET', `${api}/spaces/${w.space.id}/requests?state=accepted`), 200);
    expect(accepted.data.length).toBeGreaterThan(0);
    expect(accepted.data.every((r) => r.state === 'accepted')).toBe(true);
    problem(await call(t, w.member, 'GET', `${api}/spaces/${w.space.id}/requests?state=lost`), 400, 'VALIDATION_FAILED');
    problem(await call(t, w.outsider, 'GET', `${api}/spaces/${w.space.id}/requests`), 404, 'SPACE_NOT_FOUND');
  });
});
