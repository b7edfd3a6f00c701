import type { Space } from '@weft/domain';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { Clock } from '../clock';
import type { Deps } from '../context';
import { runJobsOnce } from '../jobs/runner';
import type { SeedApi, Session } from './api';

export type AreaCounts = {
  /** items these areas added (occurrences and their subitems, requests, the template's source) */
  items: number;
  /** items moved by triage (the accepted request) */
  moves: number;
  routines: number; routineItems: number; forms: number; requests: number; checkins: number; answers: number; templates: number };

type Ctx = {
  app: FastifyInstance;
  api: SeedApi;
  deps: Deps;
  clock: Clock;
  workspaceId: string;
  people: Session[];
  spaces: Map<string, z.infer<typeof Space>>;
  /** local date `YYYY-MM-DD` `offset` days from now */
  date: (offsetDays: number) => string;
};

const ZONE = 'Europe/Berlin';

/**
 * The work that is not a project, in the demo workspace (issue 4): two routines in Ops with their
 * first occurrences created by the real scheduler, a public support form with requests in triage
 * (one accepted) under an SLA policy in business hours, a weekly check-in with answers, and an
 * item template. Everything goes through the API and the scheduler's own job, like the rest.
 */
export async function seedAreas(c: Ctx): Promise<AreaCounts> {
  const { api, people, workspaceId: ws } = c;
  const itemCount = async () => (await c.deps.store.db.selectFrom('items').select('id').where('workspace_id', '=', ws).execute()).length;
  const itemsBefore = await itemCount();
  const [demo, ana, ben] = people;
  const ops = c.spaces.get('OPS');
  const sup = c.spaces.get('SUP');
  if (!ops || !sup) throw new Error('seedAreas: the demo needs the OPS and SUP spaces');

  // Routines: weekly and month-end, started a few weeks back so the scheduler has one to create now.
  const routines = [
    {
      name: 'Weekly backup check',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO', timeZone: ZONE, start: `${c.date(-28)}T09:00` },
      template: { title: 'Check backups (week {{date:WW}})', priority: 'medium', checklist: ['Restore one file', 'Check the offsite copy'] },
      rotation: [ana.id, ben.id],
    },
    {
      name: 'Month-end payroll',
      recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1', timeZone: ZONE, start: `${c.date(-60)}T10:00` },
      template: { title: 'Payroll {{date:MMMM YYYY}}', priority: 'high', subitems: [{ title: 'Export hours' }, { title: 'Approve' }] },
      leadDays: 5,
    },
  ];
  for (const r of routines) await api.post(demo, `/spaces/${ops.id}/routines`, r);
  await runJobsOnce({ ...c.deps, clock: c.clock });
  const routineItems = await c.deps.store.db.selectFrom('routine_occurrences').select('id').where('item_id', 'is not', null).execute();

  // Intake: a calendar, an SLA policy and a public form on Support, three requests, one accepted.
  const calendar = await api.post<{ id: string }>(demo, `/workspaces/${ws}/calendars`, { name: 'Berlin office', timeZone: ZONE });
  await api.post(demo, `/spaces/${sup.id}/sla-policies`, {
    calendarId: calendar.id,
    targets: { urgent: { firstResponseMinutes: 60, resolutionMinutes: 480 }, high: { firstResponseMinutes: 240, resolutionMinutes: 960 }, medium: { firstResponseMinutes: 480 } },
  });
  const form = await api.post<{ id: string; publicId: string }>(demo, `/spaces/${sup.id}/forms`, {
    name: 'Contact support',
    access: 'public',
    fields: [
      { key: 'summary', label: 'What is wrong?', kind: 'short_text', mapsTo: 'title', required: true },
      { key: 'details', label: 'Details', kind: 'long_text', mapsTo: 'description' },
    ],
    priority: 'high',
    assigneeRule: { kind: 'round_robin', userIds: [ana.id, ben.id] },
  });
  const asks = [
    { email: 'kim@customer.example', values: { summary: 'Cannot export invoices to CSV', details: 'The button spins forever.' } },
    { email: 'lee@customer.example', values: { summary: 'Invite email never arrived', details: 'Checked spam too.' } },
    { email: 'sam@customer.example', values: { summary: 'Dark mode flickers on load' } },
  ];
  const refs: string[] = [];
  for (const a of asks) {
    const res = await c.app.inject({ method: 'POST', url: `/api/v1/forms/${form.publicId}/submissions`, payload: a });
    if (res.statusCode !== 201) throw new Error(`seedAreas: submission answered ${res.statusCode} ${res.body}`);
    refs.push(res.json().reference);
  }
  await api.post(ana, `/requests/${refs[0]}/accept`, {});

  // A weekly check-in asked of everyone, with this week's occurrence open and two answers.
  const checkin = await api.post<{ id: string }>(demo, `/workspaces/${ws}/checkins`, {
    name: 'Weekly update',
    question: 'What did you work on this week? Anything blocking you?',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=FR', timeZone: ZONE, start: `${c.date(-35)}T16:00` },
    participantIds: people.map((p) => p.id),
  });
  const occurrence = await api.post<{ id: string }>(demo, `/checkins/${checkin.id}/occurrences`);
  const answers = [
    [ana, 'Closed the **invoice export** bug and reviewed the relaunch copy. No blockers.'],
    [ben, 'Migrated the backups to the new bucket. Blocked on the DNS change for the website.'],
  ] as const;
  for (const [who, body] of answers) await api.put(who, `/checkins/${checkin.id}/occurrences/${occurrence.id}/answer`, { body });

  // An item template for the recurring "new hire" chore, saved from a real item.
  const hire = await api.post<{ id: string }>(demo, `/spaces/${ops.id}/items`, { title: 'Onboard a new hire', description: 'Accounts, laptop, buddy.', priority: 'medium' });
  for (const title of ['Create accounts', 'Order the laptop', 'Pick a buddy']) await api.post(demo, `/spaces/${ops.id}/items`, { title, parentId: hire.id });
  await api.post(demo, `/items/${hire.id}/save-as-template`, { name: 'New hire onboarding' });

  return { items: (await itemCount()) - itemsBefore, moves: 1, routines: routines.length, routineItems: routineItems.length, forms: 1, requests: refs.length, checkins: 1, answers: answers.length, templates: 1 };
}
