import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, dbDigest, type TestApp, testApp, type TestUser } from '../test/harness';
import { SeedError } from './api';
import { type DemoResult, seedDemo } from './demo';
import { planDemo } from './demo-plan';
import { createRng } from './prng';

const NOW = new Date('2026-11-26T12:00:00.000Z');

describe('planDemo', () => {
  it('is deterministic and holds ~200 items with subitems and links', () => {
    const a = planDemo(createRng(7), NOW.getTime(), 4);
    expect(planDemo(createRng(7), NOW.getTime(), 4)).toEqual(a);
    expect(a.items).toHaveLength(200);
    expect(a.items.filter((i) => i.parent !== null).length).toBeGreaterThan(10);
    expect(a.links).toHaveLength(6);
    for (const i of a.items) {
      expect(i.createdAt).toBeLessThan(NOW.getTime());
      for (const m of i.moves) expect(m.at).toBeGreaterThan(i.createdAt);
      if (i.parent !== null) expect(a.items[i.parent].createdAt).toBeLessThan(i.createdAt);
    }
  });
});

describe.each(testDialects())('seedDemo on %s', (dialect) => {
  let t: TestApp;
  let result: DemoResult;
  let elapsed: number;

  beforeAll(async () => {
    t = await testApp(dialect);
    const started = performance.now();
    result = await seedDemo(t.deps, { now: NOW });
    elapsed = performance.now() - started;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('fills Demo Co through the API, quickly', async () => {
    expect(elapsed).toBeLessThan(30_000);
    expect(result.workspace.name).toBe('Demo Co');
    expect(result.login).toEqual({ email: 'demo@weft.local', password: 'weft-demo-1234' });
    expect(result.counts).toMatchObject({ members: 4, spaces: 4, items: 200, links: 6 });
    expect(result.counts.comments).toBeGreaterThan(50);
    expect(result.counts.subitems).toBeGreaterThan(10);
    // The work that is not a project: routines with items made by the scheduler, requests, a check-in.
    expect(result.areas).toMatchObject({ routines: 2, forms: 1, requests: 3, checkins: 1, answers: 2, templates: 1 });
    expect(result.areas.routineItems).toBeGreaterThanOrEqual(1);

    const db = t.deps.store.db;
    const items = await db.selectFrom('items').select(['id', 'space_id', 'status_category', 'completed_at', 'due_at', 'parent_id', 'created_at']).where('workspace_id', '=', result.workspace.id).execute();
    expect(items).toHaveLength(200 + result.areas.items);
    const spaces = await db.selectFrom('spaces').select(['id', 'key', 'kind', 'project_status', 'goal']).where('workspace_id', '=', result.workspace.id).orderBy('key').execute();
    expect(spaces.map((s) => [s.key, s.kind, s.project_status])).toEqual([
      ['HIR', 'project', 'planned'],
      ['OPS', 'stream', null],
      ['SUP', 'stream', null],
      ['WEB', 'project', 'active'],
    ]);
    const categories = new Set(items.map((i) => i.status_category));
    expect([...categories].sort()).toEqual(['backlog', 'canceled', 'done', 'in_progress', 'todo']);
    const done = items.filter((i) => i.status_category === 'done');
    expect(done.length).toBeGreaterThan(30);
    expect(done.every((i) => i.completed_at !== null)).toBe(true);
    const overdue = items.filter((i) => i.due_at && i.due_at < '2026-11-26' && !['done', 'canceled'].includes(i.status_category));
    expect(overdue.length).toBeGreaterThan(5);
    // History spread over weeks, never in the future.
    expect(items.every((i) => i.created_at < NOW.toISOString() && i.created_at > '2026-10-01')).toBe(true);
    expect(await db.selectFrom('labels').select('name').where('workspace_id', '=', result.workspace.id).execute()).toHaveLength(4);
    expect((await db.selectFrom('fields').select('name').where('workspace_id', '=', result.workspace.id).orderBy('name').execute()).map((f) => f.name)).toEqual(['Customer tier', 'Story points']);
    expect(await db.selectFrom('item_links').select('id').execute()).toHaveLength(6);
  });

  it('leaves an event trail for every item: created, and moved for the ones that moved', async () => {
    const db = t.deps.store.db;
    const events = await db.selectFrom('events').select(['item_id', 'type']).where('workspace_id', '=', result.workspace.id).execute();
    const items = await db.selectFrom('items').select(['id', 'status_category']).where('workspace_id', '=', result.workspace.id).execute();
    const created = new Set(events.filter((e) => e.type === 'item.created').map((e) => e.item_id));
    const moved = new Set(events.filter((e) => e.type === 'item.moved').map((e) => e.item_id));
    for (const i of items) {
      expect(created.has(i.id)).toBe(true);
      if (i.status_category === 'done' || i.status_category === 'in_progress') expect(moved.has(i.id)).toBe(true);
    }
    expect(events.filter((e) => e.type === 'comment.created').length).toBe(result.counts.comments);
    expect(events.filter((e) => e.type === 'item.moved').length).toBe(result.counts.moves + result.areas.moves);
  });

  it('lets the demo user sign in and find their open work', async () => {
    const login = await call(t, null, 'POST', '/api/v1/auth/login', { email: 'demo@weft.local', password: 'weft-demo-1234' });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const demo = { headers: { cookie } } as unknown as TestUser;
    const res = await call(t, demo, 'GET', `/api/v1/workspaces/${result.workspace.id}/items?q=${encodeURIComponent('assignee:me is:open')}&limit=200`);
    expect(res.statusCode).toBe(200);
    expect(res.json().data.length).toBeGreaterThan(10);
    const comments = await t.deps.store.db.selectFrom('comments').select('body').where('body', 'like', '%@"%').execute();
    expect(comments.length).toBeGreaterThan(5);
  });

  it('refuses to run twice, writing nothing', async () => {
    const before = await dbDigest(t);
    const again = await seedDemo(t.deps, { now: NOW }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(SeedError);
    expect(again).toMatchObject({ code: 'ALREADY_EXISTS', message: expect.stringContaining('demo@weft.local') });
    expect(await dbDigest(t)).toBe(before);
  });
});
