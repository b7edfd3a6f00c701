import type { FullMatrix } from '../factories';
import { call, type TestApp } from '../harness';
import { api, type AuthzCase, membersOnly, must, read, uniq } from './types';

const body = () => ({
  name: `Routine ${uniq()}`,
  recurrence: { rrule: 'FREQ=DAILY', timeZone: 'Europe/Berlin', start: '2030-01-01T09:00' },
  template: { title: 'Check {{date}}' },
});

/** A new routine in the matrix space, made by the owner (far in the future: the scheduler never runs it here). */
const freshRoutine = async (t: TestApp, w: FullMatrix, paused = false): Promise<{ id: string; version: number }> =>
  must(await call(t, w.owner, 'POST', `${api}/spaces/${w.space.id}/routines`, { ...body(), paused }), 201, 'routine');

/**
 * Routines follow their space: readers of the space (guests invited to it included) read them;
 * members and up who can see the space manage them; guests may not; the read-only token may not write.
 */
export const routinesCases: AuthzCase[] = [
  { route: 'GET /api/v1/spaces/:id/routines', expect: read(), req: async (w) => ['GET', `${api}/spaces/${w.space.id}/routines`] },
  { route: 'POST /api/v1/spaces/:id/routines', expect: membersOnly(201, 404), req: async (w) => ['POST', `${api}/spaces/${w.space.id}/routines`, body()] },
  { route: 'GET /api/v1/routines/:id', expect: read(), req: async (w, t) => ['GET', `${api}/routines/${(await freshRoutine(t, w)).id}`] },
  {
    route: 'PATCH /api/v1/routines/:id',
    expect: membersOnly(200, 404),
    req: async (w, t) => {
      const r = await freshRoutine(t, w);
      return ['PATCH', `${api}/routines/${r.id}`, { version: r.version, name: 'Renamed' }];
    },
  },
  { route: 'DELETE /api/v1/routines/:id', expect: membersOnly(204, 404), req: async (w, t) => ['DELETE', `${api}/routines/${(await freshRoutine(t, w)).id}`] },
  { route: 'GET /api/v1/routines/:id/preview', expect: read(), req: async (w, t) => ['GET', `${api}/routines/${(await freshRoutine(t, w)).id}/preview?count=3`] },
  { route: 'POST /api/v1/routines/:id/pause', expect: membersOnly(200, 404), req: async (w, t) => ['POST', `${api}/routines/${(await freshRoutine(t, w)).id}/pause`] },
  { route: 'POST /api/v1/routines/:id/resume', expect: membersOnly(200, 404), req: async (w, t) => ['POST', `${api}/routines/${(await freshRoutine(t, w, true)).id}/resume`] },
  { route: 'GET /api/v1/routines/:id/occurrences', expect: read(), req: async (w, t) => ['GET', `${api}/routines/${(await freshRoutine(t, w)).id}/occurrences`] },
  {
    route: 'POST /api/v1/routines/:id/occurrences/:occurrence/skip',
    expect: membersOnly(200, 404),
    req: async (w, t) => ['POST', `${api}/routines/${(await freshRoutine(t, w)).id}/occurrences/2030-01-03/skip`],
  },
  {
    route: 'POST /api/v1/routines/:id/occurrences/:occurrence/postpone',
    expect: membersOnly(200, 404),
    req: async (w, t) => ['POST', `${api}/routines/${(await freshRoutine(t, w)).id}/occurrences/2030-01-03/postpone`, { days: 1 }],
  },
  {
    route: 'PATCH /api/v1/routines/:id/occurrences/:occurrence',
    expect: membersOnly(200, 404),
    req: async (w, t) => ['PATCH', `${api}/routines/${(await freshRoutine(t, w)).id}/occurrences/2030-01-03`, { title: 'Special' }],
  },
  {
    route: 'DELETE /api/v1/routines/:id/occurrences/:occurrence',
    expect: membersOnly(204, 404),
    req: async (w, t) => {
      const r = await freshRoutine(t, w);
      must(await call(t, w.owner, 'POST', `${api}/routines/${r.id}/occurrences/2030-01-03/skip`), 200, 'skip');
      return ['DELETE', `${api}/routines/${r.id}/occurrences/2030-01-03`];
    },
  },
];
