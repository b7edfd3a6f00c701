import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSpace, buildItem } from '../apps/server/src/test/factories';
import { buildUser, buildWorkspace, call, type TestApp, testApp } from '../apps/server/src/test/harness';

const CLIENTS = 32;

describe.each(testDialects())('no lost updates on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
  });
  afterAll(async () => t.close());

  it('32 concurrent updates from one version: exactly one wins, 31 get 409', async () => {
    const u = await buildUser(t);
    const ws = await buildWorkspace(t, u);
    const space = await buildSpace(t, u, ws.id);
    const item = await buildItem(t, u, space.id, { title: 'contended' });
    const results = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) => call(t, u, 'PATCH', `/api/v1/items/${item.id}`, { title: `client ${i}`, version: item.version })),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(CLIENTS - 1);
    const winner = results.find((r) => r.statusCode === 200)?.json();
    const after = (await call(t, u, 'GET', `/api/v1/items/${item.id}`)).json();
    expect(after).toMatchObject({ title: winner.title, version: item.version + 1 });
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().current.version).toBeGreaterThan(item.version);
  });

  it('with retries on 409, every client change survives', async () => {
    const u = await buildUser(t);
    const ws = await buildWorkspace(t, u);
    const space = await buildSpace(t, u, ws.id);
    const labels: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const res = await call(t, u, 'POST', `/api/v1/workspaces/${ws.id}/labels`, { name: `client-${i}` });
      expect(res.statusCode).toBe(201);
      labels.push(res.json().id);
    }
    const item = await buildItem(t, u, space.id, { title: 'shared' });
    let conflicts = 0;
    await Promise.all(
      labels.map(async (labelId) => {
        let current = item;
        for (let attempt = 0; attempt < 200; attempt++) {
          const res = await call(t, u, 'PATCH', `/api/v1/items/${item.id}`, { labelIds: [...current.labelIds, labelId], version: current.version });
          if (res.statusCode === 200) return;
          expect(res.statusCode).toBe(409);
          conflicts += 1;
          current = res.json().current;
        }
        throw new Error('gave up after 200 attempts');
      }),
    );
    const after = (await call(t, u, 'GET', `/api/v1/items/${item.id}`)).json();
    expect([...after.labelIds].sort()).toEqual([...labels].sort());
    expect(after.version).toBe(item.version + CLIENTS);
    expect(conflicts).toBeGreaterThan(0);
  });
});
