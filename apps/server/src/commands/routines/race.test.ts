import { connect, testDialects, type WeftDb } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../context';
import { createDeps } from '../../deps';
import { buildSpace, type SpaceJson } from '../../test/factories';
import { buildUser, buildWorkspace, call, type TestApp, testApp, type TestUser } from '../../test/harness';
import { runRoutines } from './run-routines';

// Skipped (not absent) when TEST_DIALECTS leaves PostgreSQL out, so the file still has a suite.
const noPg = !testDialects().includes('postgres');

/**
 * Two server processes on one PostgreSQL database: two sets of collaborators, each with its own
 * connection pool, run the scheduler at the same moment, many times. Every occurrence must become
 * exactly one item.
 */
describe.skipIf(noPg).each(['postgres' as const])('exactly-once routine occurrences with two schedulers racing on %s', (dialect) => {
  let t: TestApp;
  let other: Deps;
  let otherStore: WeftDb;
  let owner: TestUser;
  let space: SpaceJson;

  beforeAll(async () => {
    t = await testApp(dialect);
    otherStore = connect({ url: t.deps.store.url, poolSize: 5 });
    other = await createDeps(t.deps.config, { store: otherStore, clock: t.clock, hasher: t.deps.hasher });
    owner = await buildUser(t);
    const ws = await buildWorkspace(t, owner);
    space = await buildSpace(t, owner, ws.id);
  });
  afterAll(async () => {
    await otherStore.close();
    await t.close();
  });

  it('creates one item per occurrence across 40 concurrent passes of 6 routines', async () => {
    t.clock.set('2026-06-01T00:00:00Z');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await call(t, owner, 'POST', `/api/v1/spaces/${space.id}/routines`, {
        name: `R${i}`,
        recurrence: { rrule: i % 2 ? 'FREQ=DAILY' : 'FREQ=WEEKLY;BYDAY=MO,WE,FR', timeZone: i % 3 ? 'Europe/Berlin' : 'America/New_York', start: '2026-06-01T09:00' },
        leadDays: i % 3,
        rotation: [owner.id],
        template: { title: `R${i} {{date}}`, checklist: ['a', 'b'] },
      });
      expect(res.statusCode).toBe(201);
      ids.push(res.json().id);
    }
    let created = 0;
    for (let pass = 0; pass < 40; pass++) {
      t.clock.set(new Date(Date.parse('2026-06-01T00:00:00Z') + pass * 6 * 3_600_000));
      const now = t.clock.now();
      const [a, b] = await Promise.all([runRoutines(t.deps, now), runRoutines(other, now)]);
      created += a.created + b.created;
      expect(a.failed + b.failed).toBe(0);
    }
    const rows = await t.deps.store.db
      .selectFrom('routine_occurrences')
      .innerJoin('items', 'items.id', 'routine_occurrences.item_id')
      .select(['routine_occurrences.routine_id', 'routine_occurrences.occurrence_at', 'items.title', 'items.key'])
      .where('routine_occurrences.routine_id', 'in', ids)
      .execute();
    expect(rows.length).toBeGreaterThan(20);
    expect(created).toBe(rows.length);
    // One item per (routine, occurrence) and one occurrence per title: no duplicate anywhere.
    expect(new Set(rows.map((r) => `${r.routine_id}|${r.occurrence_at}`)).size).toBe(rows.length);
    const titles = await t.deps.store.db.selectFrom('items').select('title').where('space_id', '=', space.id).where('parent_id', 'is', null).execute();
    expect(new Set(titles.map((x) => x.title)).size).toBe(titles.length);
    expect(titles.length).toBe(rows.length);
    const subitems = await t.deps.store.db.selectFrom('items').select('id').where('space_id', '=', space.id).where('parent_id', 'is not', null).execute();
    expect(subitems.length).toBe(rows.length * 2);
    // Keys are distinct and the event log has exactly one item.created per item.
    const events = await t.deps.store.db.selectFrom('events').select('item_id').where('type', '=', 'routine.occurrence_created').execute();
    expect(events.length).toBe(rows.length);
  });
});
