import { testDialects } from '@weft/db';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type TestApp, testApp } from '../test/harness';
import { api, basicFields, buildWorld, intakeDigest, makeForm, ok, submit, type World } from './intake-test-kit';

/**
 * Random and nearly-valid input against every intake route (the shared fuzz suite does not know
 * these resources yet): never a 5xx, every 4xx a problem document with a code, and a 4xx writes
 * nothing. Seeded, so a failure replays.
 */
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('', ' ', '💥', '\u202e', 'REQ-', "'; drop table items; --", '../../etc', 'x'.repeat(600)));
const kind = fc.constantFrom('short_text', 'long_text', 'choice', 'date', 'email', 'file', 7, null);
const target = fc.constantFrom('title', 'description', 'due', 'priority', 'field', 'none', 'owner', undefined);
const field = fc.record(
  { key: fc.oneof(fc.constantFrom('summary', 'homepage', 'email', 'a_b', 'Bad Key'), text), label: text, kind, mapsTo: target, required: fc.oneof(fc.boolean(), fc.constant('yes')), options: fc.oneof(fc.constant(undefined), fc.array(fc.record({ value: text, label: text }), { maxLength: 3 })), fieldId: fc.oneof(fc.constant(undefined), text), maxLength: fc.oneof(fc.constant(undefined), fc.integer({ min: -5, max: 30_000 })) },
  { requiredKeys: [] },
);
const formBody = fc.record({ name: text, access: fc.constantFrom('public', 'internal', 'secret'), fields: fc.oneof(fc.array(field, { maxLength: 4 }), fc.constant(basicFields)), assigneeRule: fc.oneof(fc.constant({ kind: 'round_robin', userIds: [] }), fc.record({ kind: fc.constantFrom('fixed', 'least_loaded', 'psychic'), userId: text, teamId: text })) }, { requiredKeys: [] });
const submission = fc.record({ email: fc.oneof(text, fc.emailAddress(), fc.integer()), values: fc.oneof(fc.dictionary(fc.oneof(text, fc.constantFrom('summary', 'team', 'urgency', 'needed_by')), fc.oneof(text, fc.integer(), fc.array(text))), fc.anything()), homepage: fc.oneof(fc.constant(undefined), fc.constant('')) }, { requiredKeys: [] });
const span = fc.record({ start: fc.oneof(text, fc.constantFrom('09:00', '24:00', '23:59', '9:00', '25:00')), end: fc.oneof(text, fc.constantFrom('17:00', '24:00', '00:00')) }, { requiredKeys: [] });
const calendar = fc.record({ name: text, timeZone: fc.oneof(text, fc.constantFrom('Europe/Berlin', 'UTC', 'Etc/GMT+14', 'America/St_Johns')), hours: fc.oneof(fc.dictionary(fc.constantFrom('mon', 'sun', 'xyz'), fc.array(span, { maxLength: 3 })), fc.anything()), holidays: fc.array(fc.oneof(text, fc.constantFrom('2026-02-29', '2028-02-29', '2026-12-25')), { maxLength: 3 }) }, { requiredKeys: [] });
const slaBody = fc.record({ calendarId: text, targets: fc.dictionary(fc.constantFrom('none', 'high', 'urgent', 'critical'), fc.record({ firstResponseMinutes: fc.oneof(fc.integer({ min: -10, max: 2_000_000 }), fc.double()), resolutionMinutes: fc.integer() }, { requiredKeys: [] })) }, { requiredKeys: [] });
const anyBody = fc.oneof(fc.anything(), fc.constant(undefined), fc.constant(null), fc.constant([]));

describe.each(testDialects())('intake routes under random input on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let form: { id: string; publicId: string };
  let requestId: string;
  let calendarId: string;
  beforeAll(async () => {
    t = await testApp(dialect);
    w = await buildWorld(t);
    form = await makeForm(t, w);
    const { reference } = ok<{ reference: string }>(await submit(t, form.publicId, { email: 'fuzz@example.test', values: { summary: 'Fuzz', team: 'QA' } }), 201);
    requestId = (await t.deps.store.db.selectFrom('intake_requests').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;
    calendarId = ok<{ id: string }>(await call(t, w.owner, 'POST', `${api}/workspaces/${w.ws.id}/calendars`, { name: 'Cal', timeZone: 'UTC' }), 201).id;
  });
  afterAll(async () => t.close());

  it('never answers 5xx, shapes every refusal as a problem document, and writes nothing on a 4xx', async () => {
    const routes: Array<[string, fc.Arbitrary<unknown>, (b: unknown) => Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }>]> = [
      ['create form', fc.oneof(formBody, anyBody), (b) => call(t, w.owner, 'POST', `${api}/spaces/${w.space.id}/forms`, b)],
      ['update form', fc.oneof(formBody.map((x) => ({ ...x, version: 999 })), anyBody), (b) => call(t, w.owner, 'PATCH', `${api}/forms/${form.id}`, b)],
      ['submit', fc.oneof(submission, anyBody), (b) => submit(t, form.publicId, b)],
      ['submit to a guessed link', submission, (b) => submit(t, 'AAAAAAAAAAAAAAAAAAAAAA', b)],
      ['status', text, (s) => call(t, null, 'GET', `${api}/requests/${encodeURIComponent(String(s) || 'x')}`)],
      ['details', text, (s) => call(t, w.member, 'GET', `${api}/requests/${encodeURIComponent(String(s) || 'x')}/details`)],
      ['accept', fc.oneof(fc.record({ statusId: text }), anyBody), (b) => call(t, w.guest, 'POST', `${api}/requests/${requestId}/accept`, b)],
      ['decline', fc.oneof(fc.record({ reason: fc.oneof(text, fc.constant('')) }), anyBody), (b) => call(t, w.member, 'POST', `${api}/requests/${requestId}/decline`, typeof b === 'object' && b && 'reason' in b && (b as { reason: string }).reason.trim() ? { reason: 1 } : b)],
      ['merge', fc.oneof(fc.record({ into: text }), anyBody), (b) => call(t, w.member, 'POST', `${api}/requests/${requestId}/merge`, b)],
      ['list requests', fc.record({ state: text, sla: text, cursor: text, limit: fc.oneof(text, fc.integer()) }, { requiredKeys: [] }), (q) => call(t, w.member, 'GET', `${api}/spaces/${w.space.id}/requests?${new URLSearchParams(Object.entries(q as object).map(([k, v]) => [k, String(v)]))}`)],
      ['query sla', text, (s) => call(t, w.member, 'GET', `${api}/workspaces/${w.ws.id}/items?q=${encodeURIComponent(`sla:${String(s)}`)}`)],
      ['create calendar', fc.oneof(calendar, anyBody), (b) => call(t, w.member, 'POST', `${api}/workspaces/${w.ws.id}/calendars`, b)],
      ['update calendar', fc.oneof(calendar.map((x) => ({ ...x, version: 999 })), anyBody), (b) => call(t, w.owner, 'PATCH', `${api}/calendars/${calendarId}`, b)],
      ['sla policy', fc.oneof(slaBody, anyBody), (b) => call(t, w.guest, 'POST', `${api}/spaces/${w.space.id}/sla-policies`, b)],
    ];
    const faults: string[] = [];
    for (const [name, arb, send] of routes) {
      for (const input of fc.sample(arb, { numRuns: 25, seed: 7 })) {
        const before = await intakeDigest(t);
        const res = await send(input);
        const where = `${name} ${JSON.stringify(input)?.slice(0, 120)}`;
        if (res.statusCode >= 500) faults.push(`${where}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (res.statusCode >= 400) {
          if (!String(res.headers['content-type']).startsWith('application/problem+json') || !JSON.parse(res.body).code) faults.push(`${where}: ${res.statusCode} is not a problem document`);
          if ((await intakeDigest(t)) !== before) faults.push(`${where}: refused with ${res.statusCode} but wrote something`);
        }
      }
    }
    expect(faults).toEqual([]);
  });
});
