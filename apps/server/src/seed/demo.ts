import type { Field, Label, Space, Workspace } from '@weft/domain';
import type { z } from 'zod';
import { buildApp } from '../app';
import type { Clock } from '../clock';
import type { Deps } from '../context';
import { SeedError, type Session, seedApi } from './api';
import { type AreaCounts, seedAreas } from './areas';
import { DEMO_LABELS, DEMO_LOGIN, DEMO_PEOPLE } from './demo-data';
import { playHistory } from './demo-history';
import { HISTORY_DAYS, planDemo } from './demo-plan';
import { createRng } from './prng';

const DAY = 86_400_000;
const SEED = 20261126;

export type DemoResult = {
  workspace: { id: string; name: string; slug: string };
  login: { email: string; password: string };
  people: Array<{ id: string; name: string; email: string }>;
  counts: { members: number; spaces: number; items: number; subitems: number; comments: number; links: number; moves: number };
  areas: AreaCounts;
};

/** A clock the seed moves forward by hand, so the history it writes is spread over weeks. */
function steppingClock(startMs: number): Clock & { set(ms: number): void } {
  let t = startMs;
  return { now: () => new Date(t), set: (ms) => (t = Math.max(t, ms)) };
}

/**
 * Fills a demo workspace THROUGH THE API (commands, policies and events all run), deterministic
 * for a given `now`. Refuses, writing nothing, when demo@weft.local already exists.
 */
export async function seedDemo(deps: Deps, opts: { now: Date }): Promise<DemoResult> {
  const now = opts.now.getTime();
  const clock = steppingClock(now - HISTORY_DAYS * DAY);
  // Sign-up stays open for the seed itself, even on an invite-only server: the operator runs it.
  // Its sessions must outlive the weeks of history it replays.
  const config = { ...deps.config, signup: 'open' as const, sessionDays: HISTORY_DAYS + 30 };
  const app = await buildApp({ ...deps, clock, config });
  await app.ready();
  try {
    const api = seedApi(app);
    const demo = await api.signup({ email: DEMO_LOGIN.email, name: DEMO_LOGIN.name, password: DEMO_LOGIN.password }).catch((e: unknown) => {
      if (e instanceof SeedError && e.code === 'EMAIL_TAKEN') {
        throw new SeedError('ALREADY_EXISTS', `the demo is already seeded (${DEMO_LOGIN.email} exists): sign in with it, or seed a fresh database`);
      }
      throw e;
    });
    const ws = await api.post<z.infer<typeof Workspace>>(demo, '/workspaces', { name: 'Demo Co' });
    const people: Session[] = [demo];
    for (const p of DEMO_PEOPLE) {
      clock.set(clock.now().getTime() + 3_600_000);
      const invite = await api.post<{ token: string }>(demo, `/workspaces/${ws.id}/invites`, { role: p.role, email: p.email });
      people.push(await api.signup({ email: p.email, name: p.name, password: DEMO_LOGIN.password, inviteToken: invite.token }));
    }
    const labels: Array<z.infer<typeof Label>> = [];
    for (const l of DEMO_LABELS) labels.push(await api.post(demo, `/workspaces/${ws.id}/labels`, l));
    const tier = await api.post<z.infer<typeof Field>>(demo, `/workspaces/${ws.id}/fields`, {
      name: 'Customer tier',
      type: 'select',
      options: [{ name: 'gold', color: '#ffc53d' }, { name: 'silver', color: '#8b8d98' }, { name: 'bronze', color: '#ad7f58' }],
    });
    const points = await api.post<z.infer<typeof Field>>(demo, `/workspaces/${ws.id}/fields`, { name: 'Story points', type: 'number' });

    const date = (offsetDays: number) => new Date(now + offsetDays * DAY).toISOString().slice(0, 10);
    const spaceInputs = [
      { key: 'SUP', name: 'Support', kind: 'stream', description: 'Requests and problems from customers.' },
      { key: 'OPS', name: 'Ops', kind: 'stream', description: 'Keeping the lights on: infrastructure, chores, incidents.' },
      {
        key: 'WEB',
        name: 'Website relaunch',
        kind: 'project',
        projectStatus: 'active',
        goal: 'Relaunch the marketing site with self-serve signup, twice as fast as today.',
        startDate: date(-HISTORY_DAYS),
        targetDate: date(45),
        leadId: people[1].id,
      },
      { key: 'HIR', name: 'Hiring Q1', kind: 'project', projectStatus: 'planned', goal: 'Hire a senior engineer, a designer and a support lead.', startDate: date(35), targetDate: date(125) },
    ];
    const spaces = new Map<string, z.infer<typeof Space>>();
    for (const s of spaceInputs) spaces.set(s.key, await api.post(demo, `/workspaces/${ws.id}/spaces`, s));

    const plan = planDemo(createRng(SEED), now, people.length);
    const stats = await playHistory({ api, clock, plan, people, spaces, labels, tier, points });
    // The areas are set up just before "now" (the scheduler creates what is due by then).
    clock.set(now - 1_800_000);
    const areas = await seedAreas({ app, api, deps, clock, workspaceId: ws.id, people, spaces, date });
    // The seed's own sessions end with it; people sign in for themselves.
    for (const p of people) await api.post(p, '/auth/logout');
    return {
      workspace: { id: ws.id, name: ws.name, slug: ws.slug },
      login: { email: DEMO_LOGIN.email, password: DEMO_LOGIN.password },
      people: people.map((p) => ({ id: p.id, name: p.name, email: p.email })),
      counts: { members: people.length, spaces: spaces.size, ...stats },
      areas,
    };
  } finally {
    await app.close();
  }
}
