import { testDialects } from '@weft/db';
import type { Item } from '@weft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSpace, type SpaceJson, statusIn } from '../test/factories';
import { buildMember, buildUser, buildWorkspace, call, dbDigest, type TestApp, testApp, type TestUser } from '../test/harness';

describe.each(testDialects())('batch item creation on %s', (dialect) => {
  let t: TestApp;
  let owner: TestUser;
  let guest: TestUser;
  let ws: { id: string };
  let space: SpaceJson;
  beforeAll(async () => {
    t = await testApp(dialect);
    owner = await buildUser(t);
    ws = await buildWorkspace(t, owner);
    guest = await buildMember(t, ws.id, 'guest');
    space = await buildSpace(t, owner, ws.id);
  });
  afterAll(async () => t.close());
  const batch = (u: TestUser | null, items: unknown[]) => call(t, u, 'POST', `/api/v1/spaces/${space.id}/items/batch`, { items });

  it('creates 1,000 items in one request with consecutive keys, ordered positions, events and search', async () => {
    const done = statusIn(space, 'done');
    const items = Array.from({ length: 1000 }, (_, i) => ({ title: `Imported ${i}`, ...(i % 10 === 0 ? { statusId: done, description: 'zebracorn' } : {}) }));
    const res = await batch(owner, items);
    expect(res.statusCode).toBe(201);
    const data = res.json().data as Item[];
    expect(data).toHaveLength(1000);
    expect(data.map((d) => d.number)).toEqual(Array.from({ length: 1000 }, (_, i) => data[0].number + i));
    expect(data[10]).toMatchObject({ statusId: done, completedAt: expect.any(String) });
    const todo = data.filter((d) => d.statusId !== done).map((d) => d.position);
    expect([...todo].sort()).toEqual(todo);
    const events = await t.deps.store.db.selectFrom('events').select('type').where('type', '=', 'item.created').where('space_id', '=', space.id).execute();
    expect(events).toHaveLength(1000);
    const found = await call(t, owner, 'GET', `/api/v1/workspaces/${ws.id}/items?q=zebracorn&limit=200`);
    expect(found.json().data).toHaveLength(100);
    const next = await call(t, owner, 'POST', `/api/v1/spaces/${space.id}/items`, { title: 'after' });
    expect(next.json().number).toBe(data[999].number + 1);
  });

  it('is all or nothing and names the failing item', async () => {
    const before = await dbDigest(t);
    const items = Array.from({ length: 10 }, (_, i) => ({ title: `x${i}`, ...(i === 7 ? { assigneeIds: ['0190a1b2c3d4e5f60718293a4b5c6d7e'] } : {}) }));
    const res = await batch(owner, items);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.items.7.assigneeIds');
    const tooMany = await batch(owner, Array.from({ length: 1001 }, () => ({ title: 'x' })));
    expect(tooMany.statusCode).toBe(400);
    expect((await batch(owner, [])).statusCode).toBe(400);
    expect(await dbDigest(t)).toBe(before);
  });

  it('follows the item policy: 401 anonymous, 404 for a guest outside the space', async () => {
    expect((await batch(null, [{ title: 'x' }])).statusCode).toBe(401);
    const res = await batch(guest, [{ title: 'x' }]);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('SPACE_NOT_FOUND');
  });
});
