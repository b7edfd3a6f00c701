import { testDialects } from '@weft/db';
import { parseQuery } from '@weft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSpace, statusIn } from '../../test/factories';
import { buildUser, buildWorkspace, call, type TestApp, testApp } from '../../test/harness';
import { compileQuery } from './compile-query';

const api = '/api/v1';

/**
 * A broad `status:` filter (thousands of items) is checked while walking the list's order on SQLite
 * (inWalkingListOrder); the answer must be exactly the one the status index gives.
 */
describe.each(testDialects())('broad status filters on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
  });
  afterAll(async () => t.close());

  it('pages through exactly the matching items, newest first, whichever way the filter runs', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const s1 = await buildSpace(t, a, ws.id, { key: 'WKA' });
    const s2 = await buildSpace(t, a, ws.id, { key: 'WKB' });
    const bug = (await call(t, a, 'POST', `${api}/workspaces/${ws.id}/labels`, { name: 'bug' })).json();
    for (const [s, n] of [[s1, 1400], [s2, 1200]] as const) {
      for (let from = 0; from < n; from += 500) {
        const items = Array.from({ length: Math.min(500, n - from) }, (_, i) => {
          const k = from + i;
          return { title: `W ${s.key} ${k}`, statusId: statusIn(s, k % 5 === 0 ? 'in_progress' : 'todo'), labelIds: k % 7 === 0 ? [bug.id] : [] };
        });
        t.clock.advance(1000);
        const res = await call(t, a, 'POST', `${api}/spaces/${s.id}/items/batch?return=minimal`, { items });
        expect(res.statusCode).toBe(201);
      }
    }
    const q = 'status:todo label:bug';
    const compiled = await compileQuery(parseQuery(q), { db: t.deps.store.db, dialect, workspaceId: ws.id, userId: a.id, now: t.clock.now(), timeZone: 'UTC' });
    const text = t.deps.store.db.selectFrom('items').selectAll().where(compiled.where).compile().sql;
    // the walk is taken on SQLite only (PostgreSQL plans from its own statistics)
    expect(text.includes('+"items"."status_id"')).toBe(dialect === 'sqlite');

    const seen: Array<{ id: string; updatedAt: string }> = [];
    let cursor: string | null = null;
    do {
      const res = await call(t, a, 'GET', `${api}/workspaces/${ws.id}/items?q=${encodeURIComponent(q)}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().data);
      cursor = res.json().nextCursor;
    } while (cursor);
    const expected = await t.deps.store.db
      .selectFrom('items')
      .innerJoin('item_labels', 'item_labels.item_id', 'items.id')
      .select(['items.id', 'items.updated_at'])
      .where('items.workspace_id', '=', ws.id)
      .where('item_labels.label_id', '=', bug.id)
      .where('items.status_id', 'in', [statusIn(s1, 'todo'), statusIn(s2, 'todo')])
      .orderBy('items.updated_at', 'desc')
      .orderBy('items.id', 'desc')
      .execute();
    expect(expected.length).toBeGreaterThan(200);
    expect(seen.map((i) => i.id)).toEqual(expected.map((r) => r.id));
  });

  it('keeps the status index for a narrow status', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    await buildSpace(t, a, ws.id, { key: 'NRW' });
    const compiled = await compileQuery(parseQuery('status:todo'), { db: t.deps.store.db, dialect, workspaceId: ws.id, userId: a.id, now: t.clock.now(), timeZone: 'UTC' });
    expect(t.deps.store.db.selectFrom('items').selectAll().where(compiled.where).compile().sql).not.toContain('+"items"');
  });
});
