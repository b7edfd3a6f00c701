import type { FullMatrix } from '../factories';
import { call, type TestApp } from '../harness';
import { api, type AuthzCase, membersOnly, must, read, uniq, write } from './types';

const RECURRENCE = { rrule: 'FREQ=WEEKLY;BYDAY=FR', timeZone: 'Europe/Berlin', start: '2026-01-02T16:00' };

/** A check-in by the owner asking the member and guestIn; workspace-visible unless told otherwise. */
async function checkin(t: TestApp, w: FullMatrix, visibility: 'workspace' | 'participants' = 'workspace', participants = [w.member.id, w.guestIn.id]): Promise<{ id: string }> {
  const body = { name: `C${uniq()}`, question: 'What moved?', recurrence: RECURRENCE, participantIds: participants, visibility };
  return must(await call(t, w.owner, 'POST', `${api}/workspaces/${w.ws.id}/checkins`, body), 201, 'check-in');
}

/** A check-in with an open occurrence ("ask now" by the owner). */
async function occurrence(t: TestApp, w: FullMatrix): Promise<{ checkinId: string; url: string }> {
  const c = await checkin(t, w);
  const o = must(await call(t, w.owner, 'POST', `${api}/checkins/${c.id}/occurrences`), 201, 'occurrence');
  return { checkinId: c.id, url: `${api}/checkins/${c.id}/occurrences/${o.id}` };
}

/** The member's answer in a fresh occurrence. */
async function memberAnswer(t: TestApp, w: FullMatrix): Promise<{ id: string }> {
  const o = await occurrence(t, w);
  return must(await call(t, w.member, 'PUT', `${o.url}/answer`, { body: 'Shipped things' }), 201, 'answer');
}

async function memberComment(t: TestApp, w: FullMatrix): Promise<{ id: string }> {
  const a = await memberAnswer(t, w);
  return must(await call(t, w.member, 'POST', `${api}/checkin-answers/${a.id}/comments`, { body: 'Adding context' }), 201, 'comment');
}

/** Answering and skipping are for the people asked (the member and guestIn), never for onlookers. */
const asked = (ok: number) => write(ok, { admin: 403, owner: 403 });

/**
 * Check-ins. Members create; the creator or an admin edits, deletes and asks now. Everyone in the
 * workspace reads a workspace-visible check-in except guests not asked; a private one is seen by
 * its participants, its creator and admins.
 */
export const checkinsCases: AuthzCase[] = [
  { route: 'GET /api/v1/workspaces/:id/checkins', expect: read({ guestOut: 200 }), req: async (w) => ['GET', `${api}/workspaces/${w.ws.id}/checkins`] },
  {
    route: 'POST /api/v1/workspaces/:id/checkins',
    expect: membersOnly(201),
    req: async (w) => ['POST', `${api}/workspaces/${w.ws.id}/checkins`, { name: 'Standup', question: 'Blockers?', recurrence: RECURRENCE }],
  },
  { route: 'GET /api/v1/checkins/:id', expect: read(), req: async (w, t) => ['GET', `${api}/checkins/${(await checkin(t, w)).id}`] },
  {
    route: 'GET /api/v1/checkins/:id',
    variant: 'private to guestIn',
    expect: read({ member: 404, readOnly: 404 }),
    req: async (w, t) => ['GET', `${api}/checkins/${(await checkin(t, w, 'participants', [w.guestIn.id])).id}`],
  },
  { route: 'PATCH /api/v1/checkins/:id', expect: write(200, { member: 403, guestIn: 403 }), req: async (w, t) => ['PATCH', `${api}/checkins/${(await checkin(t, w)).id}`, { version: 1, name: 'Renamed' }] },
  { route: 'DELETE /api/v1/checkins/:id', expect: write(204, { member: 403, guestIn: 403 }), req: async (w, t) => ['DELETE', `${api}/checkins/${(await checkin(t, w)).id}`] },
  { route: 'GET /api/v1/checkins/:id/occurrences', expect: read(), req: async (w, t) => ['GET', `${api}/checkins/${(await occurrence(t, w)).checkinId}/occurrences`] },
  { route: 'POST /api/v1/checkins/:id/occurrences', expect: write(201, { member: 403, guestIn: 403 }), req: async (w, t) => ['POST', `${api}/checkins/${(await checkin(t, w)).id}/occurrences`] },
  { route: 'GET /api/v1/checkins/:id/occurrences/:occurrenceId', expect: read(), req: async (w, t) => ['GET', (await occurrence(t, w)).url] },
  // A draft is its person's own: readers who were not asked have none.
  { route: 'GET /api/v1/checkins/:id/occurrences/:occurrenceId/draft', expect: read({ admin: 403, owner: 403 }), req: async (w, t) => ['GET', `${(await occurrence(t, w)).url}/draft`] },
  { route: 'PUT /api/v1/checkins/:id/occurrences/:occurrenceId/answer', expect: asked(201), req: async (w, t) => ['PUT', `${(await occurrence(t, w)).url}/answer`, { body: 'Done: the thing' }] },
  { route: 'POST /api/v1/checkins/:id/occurrences/:occurrenceId/skip', expect: asked(200), req: async (w, t) => ['POST', `${(await occurrence(t, w)).url}/skip`] },
  { route: 'GET /api/v1/checkin-answers/:id/comments', expect: read(), req: async (w, t) => ['GET', `${api}/checkin-answers/${(await memberAnswer(t, w)).id}/comments`] },
  { route: 'POST /api/v1/checkin-answers/:id/comments', expect: write(201), req: async (w, t) => ['POST', `${api}/checkin-answers/${(await memberAnswer(t, w)).id}/comments`, { body: 'Nice' }] },
  { route: 'PATCH /api/v1/checkin-comments/:id', expect: write(403, { member: 200 }), req: async (w, t) => ['PATCH', `${api}/checkin-comments/${(await memberComment(t, w)).id}`, { version: 1, body: 'Edited' }] },
  { route: 'DELETE /api/v1/checkin-comments/:id', expect: write(204, { guestIn: 403 }), req: async (w, t) => ['DELETE', `${api}/checkin-comments/${(await memberComment(t, w)).id}`] },
];
