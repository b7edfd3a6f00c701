import type { FullMatrix } from '../factories';
import { call, type TestApp } from '../harness';
import { freshSpace } from './fixtures';
import { adminsOnly, api, type AuthzCase, membersOnly, must, type PublicCase, read, uniq } from './types';

const FIELDS = [{ key: 'summary', label: 'Summary', kind: 'short_text', mapsTo: 'title' }];

/** A new public form in the matrix space, made by the owner. */
const freshForm = async (t: TestApp, w: FullMatrix): Promise<{ id: string; publicId: string; version: number }> =>
  must(await call(t, w.owner, 'POST', `${api}/spaces/${w.space.id}/forms`, { name: `Form ${uniq()}`, access: 'public', fields: FIELDS }), 201, 'form');

let client = 0;
/** A new request through a public form, each from its own client address (the per-client limit stays out of the way). */
async function freshRequestIn(t: TestApp, publicId: string): Promise<{ reference: string; id: string }> {
  client += 1;
  const res = await t.app.inject({
    method: 'POST',
    url: `${api}/forms/${publicId}/submissions`,
    payload: { email: `authz-${uniq()}@example.test`, values: { summary: 'Need access' } },
    remoteAddress: `198.51.${Math.floor(client / 250)}.${client % 250}`,
  });
  const { reference } = must(res, 201, 'submission');
  const row = await t.deps.store.db.selectFrom('intake_requests').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
  return { reference, id: row.id };
}

const forms = new WeakMap<FullMatrix, Promise<{ publicId: string }>>();
/** The one public form the request cases submit through. */
function matrixForm(t: TestApp, w: FullMatrix) {
  let p = forms.get(w);
  if (!p) {
    p = freshForm(t, w);
    forms.set(w, p);
  }
  return p;
}
const freshRequest = async (t: TestApp, w: FullMatrix) => freshRequestIn(t, (await matrixForm(t, w)).publicId);

/** A calendar of the matrix workspace, made by the owner (admins manage calendars). */
const freshCalendar = async (t: TestApp, w: FullMatrix): Promise<{ id: string; version: number }> =>
  must(await call(t, w.owner, 'POST', `${api}/workspaces/${w.ws.id}/calendars`, { name: `Cal ${uniq()}`, timeZone: 'Europe/Berlin' }), 201, 'calendar');

/** An SLA policy on a new space like the matrix's (one policy per space). */
async function freshSlaPolicy(t: TestApp, w: FullMatrix): Promise<{ id: string; version: number }> {
  const space = await freshSpace(t, w);
  const cal = await freshCalendar(t, w);
  return must(await call(t, w.owner, 'POST', `${api}/spaces/${space.id}/sla-policies`, { calendarId: cal.id, targets: { high: { firstResponseMinutes: 60 } } }), 201, 'SLA policy');
}

/**
 * Intake: forms and requests follow their space (readers read, members but not guests manage and
 * triage); SLA policies likewise; working calendars are workspace configuration for admins.
 */
export const intakeCases: AuthzCase[] = [
  { route: 'GET /api/v1/spaces/:id/forms', expect: read(), req: async (w) => ['GET', `${api}/spaces/${w.space.id}/forms`] },
  {
    route: 'POST /api/v1/spaces/:id/forms',
    expect: membersOnly(201, 404),
    req: async (w) => ['POST', `${api}/spaces/${w.space.id}/forms`, { name: `F ${uniq()}`, fields: FIELDS }],
  },
  {
    route: 'PATCH /api/v1/forms/:id',
    expect: membersOnly(200, 404),
    req: async (w, t) => {
      const f = await freshForm(t, w);
      return ['PATCH', `${api}/forms/${f.id}`, { version: f.version, name: 'Renamed' }];
    },
  },
  { route: 'GET /api/v1/requests/:id/details', expect: read(), req: async (w, t) => ['GET', `${api}/requests/${(await freshRequest(t, w)).id}/details`] },
  { route: 'GET /api/v1/spaces/:id/requests', expect: read(), req: async (w) => ['GET', `${api}/spaces/${w.space.id}/requests?state=triage`] },
  { route: 'POST /api/v1/requests/:id/accept', expect: membersOnly(200, 404), req: async (w, t) => ['POST', `${api}/requests/${(await freshRequest(t, w)).id}/accept`, {}] },
  {
    route: 'POST /api/v1/requests/:id/decline',
    expect: membersOnly(200, 404),
    req: async (w, t) => ['POST', `${api}/requests/${(await freshRequest(t, w)).id}/decline`, { reason: 'Out of scope' }],
  },
  {
    route: 'POST /api/v1/requests/:id/merge',
    expect: membersOnly(200, 404),
    req: async (w, t) => {
      const into = await freshRequest(t, w);
      return ['POST', `${api}/requests/${(await freshRequest(t, w)).id}/merge`, { into: into.reference }];
    },
  },
  { route: 'GET /api/v1/spaces/:id/sla-policies', expect: read(), req: async (w) => ['GET', `${api}/spaces/${w.space.id}/sla-policies`] },
  {
    route: 'POST /api/v1/spaces/:id/sla-policies',
    expect: membersOnly(201, 404),
    req: async (w, t) => {
      const space = await freshSpace(t, w);
      const cal = await freshCalendar(t, w);
      return ['POST', `${api}/spaces/${space.id}/sla-policies`, { calendarId: cal.id, targets: { urgent: { firstResponseMinutes: 30 } } }];
    },
  },
  {
    route: 'PATCH /api/v1/sla-policies/:id',
    expect: membersOnly(200, 404),
    req: async (w, t) => {
      const p = await freshSlaPolicy(t, w);
      return ['PATCH', `${api}/sla-policies/${p.id}`, { version: p.version, name: 'Renamed' }];
    },
  },
  { route: 'DELETE /api/v1/sla-policies/:id', expect: membersOnly(204, 404), req: async (w, t) => ['DELETE', `${api}/sla-policies/${(await freshSlaPolicy(t, w)).id}`] },
  // Every member of the workspace reads its calendars (guests included: they hold no secrets).
  { route: 'GET /api/v1/workspaces/:id/calendars', expect: read({ guestOut: 200 }), req: async (w) => ['GET', `${api}/workspaces/${w.ws.id}/calendars`] },
  {
    route: 'POST /api/v1/workspaces/:id/calendars',
    expect: adminsOnly(201, 403),
    req: async (w) => ['POST', `${api}/workspaces/${w.ws.id}/calendars`, { name: `C ${uniq()}`, timeZone: 'America/New_York' }],
  },
  {
    route: 'PATCH /api/v1/calendars/:id',
    expect: adminsOnly(200, 403),
    req: async (w, t) => {
      const c = await freshCalendar(t, w);
      return ['PATCH', `${api}/calendars/${c.id}`, { version: c.version, holidays: ['2026-12-25'] }];
    },
  },
  { route: 'DELETE /api/v1/calendars/:id', expect: adminsOnly(204, 403), req: async (w, t) => ['DELETE', `${api}/calendars/${(await freshCalendar(t, w)).id}`] },
];

/** The requester's doors: a form's link, its submissions and a request's status by reference, all without an account. */
export const intakePublicCases: PublicCase[] = [
  {
    route: 'GET /api/v1/forms/:publicId',
    status: 200,
    req: async (t) => ['GET', `${api}/forms/${(await publicFormOf(t)).publicId}`],
  },
  {
    route: 'POST /api/v1/forms/:publicId/submissions',
    status: 201,
    req: async (t) => ['POST', `${api}/forms/${(await publicFormOf(t)).publicId}/submissions`, { email: `pub-${uniq()}@example.test`, values: { summary: 'Hello' } }],
  },
  {
    route: 'GET /api/v1/requests/:reference',
    status: 200,
    req: async (t) => ['GET', `${api}/requests/${(await freshRequestIn(t, (await publicFormOf(t)).publicId)).reference}`],
  },
];

const publicForms = new WeakMap<TestApp, Promise<{ publicId: string }>>();
/** A public form in a workspace of its own (public cases get only the app, not the matrix). */
function publicFormOf(t: TestApp): Promise<{ publicId: string }> {
  let p = publicForms.get(t);
  if (!p) {
    p = (async () => {
      const email = `form-owner-${uniq()}@example.test`;
      const signup = await call(t, null, 'POST', `${api}/auth/signup`, { email, name: 'Form owner', password: 'correct horse battery' });
      const cookie = String(signup.headers['set-cookie']).split(';')[0];
      const owner = { id: must(signup, 201, 'signup').id, email, name: 'Form owner', cookie, headers: { cookie } };
      const ws = must(await call(t, owner, 'POST', `${api}/workspaces`, { name: 'Public desk' }), 201, 'workspace');
      const space = must(await call(t, owner, 'POST', `${api}/workspaces/${ws.id}/spaces`, { key: `PD${uniq().slice(0, 4).toUpperCase().replace(/[^A-Z0-9]/g, 'X')}`, name: 'Desk' }), 201, 'space');
      return must(await call(t, owner, 'POST', `${api}/spaces/${space.id}/forms`, { name: 'Public', access: 'public', fields: FIELDS }), 201, 'form');
    })();
    publicForms.set(t, p);
  }
  return p;
}
