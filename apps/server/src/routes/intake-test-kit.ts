import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildSpace, type SpaceJson } from '../test/factories';
import { buildMember, buildUser, buildWorkspace, call, dbDigest, type TestApp, type TestUser } from '../test/harness';

export const api = '/api/v1';

/** The harness digest plus the intake tables: equal before and after means nothing was written. */
export async function intakeDigest(t: TestApp): Promise<string> {
  const parts = [await dbDigest(t)];
  for (const table of ['intake_forms', 'intake_requests', 'working_calendars', 'sla_policies'] as const) {
    const rows = await t.deps.store.db.selectFrom(table).selectAll().execute();
    parts.push(`${table}:${JSON.stringify(rows.map((r) => JSON.stringify(r)).sort())}`);
  }
  return parts.join('\n');
}

export function ok<T = Record<string, unknown>>(res: LightMyRequestResponse, status: number): T {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}

/** A problem document with this status and code. */
export function problem(res: LightMyRequestResponse, status: number, code: string) {
  expect({ status: res.statusCode, code: res.json().code }, res.body).toEqual({ status, code });
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  return res.json() as { code: string; detail: string; errors?: Array<{ path: string; message: string }> };
}

export type World = { ws: { id: string }; owner: TestUser; admin: TestUser; member: TestUser; member2: TestUser; guest: TestUser; outsider: TestUser; space: SpaceJson };

export async function buildWorld(t: TestApp): Promise<World> {
  const owner = await buildUser(t, { name: 'Olga Owner' });
  const ws = await buildWorkspace(t, owner, 'Acme IT');
  const admin = await buildMember(t, ws.id, 'admin', { name: 'Ada Admin' });
  const member = await buildMember(t, ws.id, 'member', { name: 'Mia Member' });
  const member2 = await buildMember(t, ws.id, 'member', { name: 'Max Member' });
  const guest = await buildMember(t, ws.id, 'guest', { name: 'Gus Guest' });
  const outsider = await buildUser(t, { name: 'Otto Outsider' });
  await buildWorkspace(t, outsider, 'Elsewhere');
  const space = await buildSpace(t, owner, ws.id, { name: 'Help desk', memberIds: [guest.id] });
  return { ws, owner, admin, member, member2, guest, outsider, space };
}

export const basicFields = [
  { key: 'summary', label: 'Summary', kind: 'short_text', mapsTo: 'title' },
  { key: 'details', label: 'Details', kind: 'long_text', mapsTo: 'description' },
  { key: 'urgency', label: 'Urgency', kind: 'choice', mapsTo: 'priority', options: [{ value: 'low', label: 'Low' }, { value: 'high', label: 'High' }, { value: 'urgent', label: 'Urgent' }] },
  { key: 'needed_by', label: 'Needed by', kind: 'date', mapsTo: 'due' },
  { key: 'team', label: 'Team', kind: 'short_text', required: true },
];

/** Creates a form as `by` (the owner unless told) and returns it. */
export async function makeForm(t: TestApp, w: World, over: Record<string, unknown> = {}, by: TestUser = w.owner) {
  return ok<{ id: string; publicId: string; version: number; [k: string]: unknown }>(
    await call(t, by, 'POST', `${api}/spaces/${w.space.id}/forms`, { name: 'IT help', access: 'public', fields: basicFields, ...over }),
    201,
  );
}

let ipSeq = 0;
/** A fresh client address per call unless one is given, so per-client limits only bite where a test wants them. */
export function submit(t: TestApp, publicId: string, body: unknown, opts: { ip?: string; user?: TestUser } = {}) {
  ipSeq += 1;
  return t.app.inject({
    method: 'POST',
    url: `${api}/forms/${publicId}/submissions`,
    payload: body as object,
    remoteAddress: opts.ip ?? `10.0.${Math.floor(ipSeq / 250)}.${ipSeq % 250}`,
    headers: opts.user?.headers ?? {},
  });
}

let mailSeq = 0;
export const freshEmail = () => {
  mailSeq += 1;
  return `requester${mailSeq}@customer.example`;
};

export const goodBody = (over: Record<string, unknown> = {}) => ({
  email: freshEmail(),
  values: { summary: 'Laptop will not boot', details: 'It shows a **blue** screen.', urgency: 'high', needed_by: '2026-12-01', team: 'Finance' },
  ...over,
});
