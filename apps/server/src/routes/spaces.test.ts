import { testDialects } from '@weft/db';
import { DEFAULT_WORKFLOW } from '@weft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildItem, buildSpace, statusIn } from '../test/factories';
import { buildMember, buildUser, buildWorkspace, call, dbDigest, type TestApp, testApp } from '../test/harness';

const api = '/api/v1';

describe.each(testDialects())('spaces on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
  });
  afterAll(async () => t.close());

  it('creates a project with the default workflow, the creator as member, and events', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const b = await buildMember(t, ws.id, 'member');
    const res = await call(t, a, 'POST', `${api}/workspaces/${ws.id}/spaces`, {
      key: 'LAUNCH',
      name: 'Launch',
      kind: 'project',
      goal: 'Ship it',
      startDate: '2026-12-01',
      targetDate: '2027-01-31',
      leadId: b.id,
      memberIds: [b.id],
    });
    expect(res.statusCode).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({ key: 'LAUNCH', kind: 'project', projectStatus: 'planned', goal: 'Ship it', leadId: b.id, progress: { total: 0, done: 0 }, version: 1, archivedAt: null });
    expect(s.statuses.map((x: { name: string; category: string }) => [x.name, x.category])).toEqual(DEFAULT_WORKFLOW.map((w) => [w.name, w.category]));
    expect([...s.memberIds].sort()).toEqual([a.id, b.id].sort());
    const stream = await buildSpace(t, a, ws.id, { key: 'OPS' });
    expect(stream).toMatchObject({ kind: 'stream', projectStatus: null });
    expect(stream).not.toHaveProperty('progress');
    const events = await t.deps.store.db.selectFrom('events').select(['type', 'space_id']).where('workspace_id', '=', ws.id).where('type', '=', 'space.created').execute();
    expect(events.map((e) => e.space_id).sort()).toEqual([s.id, stream.id].sort());
  });

  it('refuses a taken key with SPACE_KEY_TAKEN and non-members with 400', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    await buildSpace(t, a, ws.id, { key: 'DUP' });
    const before = await dbDigest(t);
    const dup = await call(t, a, 'POST', `${api}/workspaces/${ws.id}/spaces`, { key: 'DUP', name: 'Again' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('SPACE_KEY_TAKEN');
    const stranger = await buildUser(t);
    const afterStranger = await dbDigest(t);
    const bad = await call(t, a, 'POST', `${api}/workspaces/${ws.id}/spaces`, { key: 'NEW', name: 'New', memberIds: [stranger.id] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.memberIds');
    expect(await dbDigest(t)).toBe(afterStranger);
    // the same key in another workspace is fine
    const ws2 = await buildWorkspace(t, a, 'Other');
    expect((await buildSpace(t, a, ws2.id, { key: 'DUP' })).key).toBe('DUP');
    expect(before).not.toBe('');
  });

  it('rejects bad input with 400 and writes nothing', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const s = await buildSpace(t, a, ws.id);
    const before = await dbDigest(t);
    const cases: Array<[string, string, unknown]> = [
      ['POST', `${api}/workspaces/${ws.id}/spaces`, { key: 'lower', name: 'x' }],
      ['POST', `${api}/workspaces/${ws.id}/spaces`, { key: 'TOOLONGKEY12', name: 'x' }],
      ['POST', `${api}/workspaces/${ws.id}/spaces`, { key: 'OK', name: 'x', extra: 1 }],
      ['POST', `${api}/workspaces/${ws.id}/spaces`, { key: 'OK', name: 'x'.repeat(201) }],
      ['POST', `${api}/workspaces/${ws.id}/spaces`, { key: 'OK', name: 'x', kind: 'stream', projectStatus: 'active' }],
      ['POST', `${api}/workspaces/${ws.id}/spaces`, { key: 'OK', name: 'x', kind: 'project', startDate: '2027-02-01', targetDate: '2027-01-01' }],
      ['POST', `${api}/workspaces/${ws.id}/spaces`, { key: 'OK', name: 'x', kind: 'project', startDate: '2027-13-45' }],
      ['GET', `${api}/workspaces/${ws.id}/spaces?limit=500`, undefined],
      ['GET', `${api}/workspaces/${ws.id}/spaces?cursor=garbage`, undefined],
      ['PATCH', `${api}/spaces/${s.id}`, { version: 1, name: 42 }],
      ['PATCH', `${api}/spaces/${s.id}`, { version: 1, goal: 'streams have none' }],
      ['PATCH', `${api}/spaces/${s.id}`, { version: 'one' }],
      ['POST', `${api}/spaces/${s.id}/members`, { add: ['not a valid id!'] }],
      ['POST', `${api}/spaces/${s.id}/statuses`, { name: 'X', category: 'doing' }],
      ['POST', `${api}/spaces/${s.id}/statuses`, { name: 'X', category: 'todo', beforeId: 'nope' }],
      ['PUT', `${api}/spaces/${s.id}/statuses/order`, { order: [s.statuses[0].id] }],
      ['PATCH', `${api}/spaces/${s.id}/statuses/${s.statuses[0].id}`, { name: '' }],
      ['DELETE', `${api}/spaces/${s.id}/statuses/${s.statuses[0].id}?moveItemsTo=${s.statuses[0].id}`, undefined],
    ];
    for (const [method, url, body] of cases) {
      const res = await call(t, a, method, url, body);
      expect({ method, url, body, status: res.statusCode }).toEqual({ method, url, body, status: 400 });
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    expect(await dbDigest(t)).toBe(before);
  });

  it('lists readable spaces only, paginated by key; guests see only their spaces', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const guest = await buildMember(t, ws.id, 'guest');
    const member = await buildMember(t, ws.id, 'member');
    for (const key of ['AAA', 'BBB', 'CCC', 'DDD']) await buildSpace(t, a, ws.id, { key });
    await buildSpace(t, a, ws.id, { key: 'SECRET', visibility: 'members' });
    await buildSpace(t, a, ws.id, { key: 'GUEST', memberIds: [guest.id] });
    const keysOf = async (user: typeof a) => {
      const keys: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await call(t, user, 'GET', `${api}/workspaces/${ws.id}/spaces?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode).toBe(200);
        keys.push(...res.json().data.map((s: { key: string }) => s.key));
        cursor = res.json().nextCursor;
      } while (cursor);
      return keys;
    };
    expect(await keysOf(a)).toEqual(['AAA', 'BBB', 'CCC', 'DDD', 'GUEST', 'SECRET']);
    expect(await keysOf(member)).toEqual(['AAA', 'BBB', 'CCC', 'DDD', 'GUEST']);
    expect(await keysOf(guest)).toEqual(['GUEST']);
  });

  it('updates from the current version only; archives; deletes only when empty', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const s = await buildSpace(t, a, ws.id, { kind: 'project' });
    const one = await call(t, a, 'PATCH', `${api}/spaces/${s.id}`, { version: 1, name: 'One', projectStatus: 'active' });
    const two = await call(t, a, 'PATCH', `${api}/spaces/${s.id}`, { version: 1, name: 'Two' });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ name: 'One', projectStatus: 'active', version: 2 });
    expect(two.statusCode).toBe(409);
    expect(two.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { name: 'One', version: 2 } });
    expect((await call(t, a, 'PATCH', `${api}/spaces/${s.id}`, { name: 'Three' })).statusCode).toBe(428);
    const viaHeader = await t.app.inject({ method: 'PATCH', url: `${api}/spaces/${s.id}`, headers: { ...a.headers, 'if-match': '"2"' }, payload: { archived: true } });
    expect(viaHeader.statusCode).toBe(200);
    expect(viaHeader.json().archivedAt).toBe(t.clock.now().toISOString());
    const active = await call(t, a, 'GET', `${api}/workspaces/${ws.id}/spaces`);
    expect(active.json().data.map((x: { id: string }) => x.id)).not.toContain(s.id);
    const archived = await call(t, a, 'GET', `${api}/workspaces/${ws.id}/spaces?archived=true`);
    expect(archived.json().data.map((x: { id: string }) => x.id)).toEqual([s.id]);
    const types = await t.deps.store.db.selectFrom('events').select('type').where('space_id', '=', s.id).orderBy('id').execute();
    expect(types.map((e) => e.type)).toEqual(['space.created', 'space.updated', 'space.archived']);

    const full = await buildSpace(t, a, ws.id);
    await buildItem(t, a, full.id);
    const refused = await call(t, a, 'DELETE', `${api}/spaces/${full.id}`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('UNPROCESSABLE');
    expect((await call(t, a, 'DELETE', `${api}/spaces/${s.id}`)).statusCode).toBe(204);
    expect((await call(t, a, 'GET', `${api}/spaces/${s.id}`)).statusCode).toBe(404);
  });

  it('reports project progress over live items, multi-homed ones included', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const p = await buildSpace(t, a, ws.id, { kind: 'project' });
    const other = await buildSpace(t, a, ws.id);
    await buildItem(t, a, p.id, { statusId: statusIn(p, 'done') });
    await buildItem(t, a, p.id);
    const gone = await buildItem(t, a, p.id, { statusId: statusIn(p, 'done') });
    await call(t, a, 'DELETE', `${api}/items/${gone.id}`);
    const homed = await buildItem(t, a, other.id, { statusId: statusIn(other, 'done') });
    await call(t, a, 'PATCH', `${api}/items/${homed.id}`, { version: 1, alsoInSpaceIds: [p.id] });
    const res = await call(t, a, 'GET', `${api}/spaces/${p.id}`);
    expect(res.json().progress).toEqual({ total: 3, done: 2 });
  });

  it('manages space members: adds workspace members, removes, refuses strangers', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const b = await buildMember(t, ws.id, 'member');
    const c = await buildMember(t, ws.id, 'guest');
    const s = await buildSpace(t, a, ws.id, { visibility: 'members' });
    expect((await call(t, c, 'GET', `${api}/spaces/${s.id}`)).statusCode).toBe(404);
    expect((await call(t, b, 'GET', `${api}/spaces/${s.id}`)).statusCode).toBe(404);
    const res = await call(t, a, 'POST', `${api}/spaces/${s.id}/members`, { add: [b.id, c.id] });
    expect(res.statusCode).toBe(200);
    expect([...res.json().memberIds].sort()).toEqual([a.id, b.id, c.id].sort());
    expect((await call(t, c, 'GET', `${api}/spaces/${s.id}`)).statusCode).toBe(200);
    const removed = await call(t, b, 'POST', `${api}/spaces/${s.id}/members`, { remove: [c.id] });
    expect(removed.json().memberIds).not.toContain(c.id);
    expect((await call(t, c, 'GET', `${api}/spaces/${s.id}`)).statusCode).toBe(404);
    const stranger = await buildUser(t);
    const bad = await call(t, a, 'POST', `${api}/spaces/${s.id}/members`, { add: [stranger.id] });
    expect(bad.statusCode).toBe(400);
    const ev = await t.deps.store.db.selectFrom('events').select(['type', 'data']).where('space_id', '=', s.id).where('type', '=', 'space.members_changed').orderBy('id').execute();
    expect(ev.map((e) => JSON.parse(e.data))).toEqual([
      { added: [b.id, c.id], removed: [] },
      { added: [], removed: [c.id] },
    ]);
  });

  it('edits the workflow: create, rename, reorder, recategorise, delete with a target', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const s = await buildSpace(t, a, ws.id);
    const review = s.statuses.find((x) => x.name === 'In Review') as { id: string };
    const created = await call(t, a, 'POST', `${api}/spaces/${s.id}/statuses`, { name: 'Triage', category: 'backlog', beforeId: s.statuses[0].id });
    expect(created.statusCode).toBe(201);
    const triage = created.json();
    const list = await call(t, a, 'GET', `${api}/spaces/${s.id}/statuses`);
    expect(list.json().data.map((x: { name: string }) => x.name)).toEqual(['Triage', 'Backlog', 'Todo', 'In Progress', 'In Review', 'Done', 'Canceled']);
    expect(list.json().data.map((x: { position: number }) => x.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);

    const item = await buildItem(t, a, s.id, { statusId: review.id });
    expect(item.completedAt).toBeNull();
    const done = await call(t, a, 'PATCH', `${api}/spaces/${s.id}/statuses/${review.id}`, { name: 'Shipped', category: 'done' });
    expect(done.json()).toMatchObject({ name: 'Shipped', category: 'done' });
    const afterDone = (await call(t, a, 'GET', `${api}/items/${item.id}`)).json();
    expect(afterDone).toMatchObject({ statusCategory: 'done', completedAt: t.clock.now().toISOString(), version: 2 });
    await call(t, a, 'PATCH', `${api}/spaces/${s.id}/statuses/${review.id}`, { category: 'in_progress' });
    expect((await call(t, a, 'GET', `${api}/items/${item.id}`)).json()).toMatchObject({ statusCategory: 'in_progress', completedAt: null });

    const order = list.json().data.map((x: { id: string }) => x.id).reverse();
    const reordered = await call(t, a, 'PUT', `${api}/spaces/${s.id}/statuses/order`, { order });
    expect(reordered.json().data.map((x: { id: string }) => x.id)).toEqual(order);
    expect((await call(t, a, 'GET', `${api}/spaces/${s.id}`)).json().statuses.map((x: { id: string }) => x.id)).toEqual(order);

    const inUse = await call(t, a, 'DELETE', `${api}/spaces/${s.id}/statuses/${review.id}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().code).toBe('STATUS_IN_USE');
    const doneId = statusIn(s, 'done');
    const moved = await call(t, a, 'DELETE', `${api}/spaces/${s.id}/statuses/${review.id}?moveItemsTo=${doneId}`);
    expect(moved.statusCode).toBe(204);
    expect((await call(t, a, 'GET', `${api}/items/${item.id}`)).json()).toMatchObject({ statusId: doneId, statusCategory: 'done', completedAt: t.clock.now().toISOString() });
    expect((await call(t, a, 'DELETE', `${api}/spaces/${s.id}/statuses/${triage.id}`)).statusCode).toBe(204);
    const types = await t.deps.store.db.selectFrom('events').select('type').where('space_id', '=', s.id).where('type', 'like', 'status.%').orderBy('id').execute();
    expect(types.map((e) => e.type)).toEqual(['status.created', 'status.updated', 'status.updated', 'status.reordered', 'status.deleted', 'status.deleted']);
  });

  it('never removes the last status', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const s = await buildSpace(t, a, ws.id);
    for (const st of s.statuses.slice(1)) expect((await call(t, a, 'DELETE', `${api}/spaces/${s.id}/statuses/${st.id}`)).statusCode).toBe(204);
    const last = await call(t, a, 'DELETE', `${api}/spaces/${s.id}/statuses/${s.statuses[0].id}`);
    expect(last.statusCode).toBe(409);
    expect(last.json().code).toBe('LAST_STATUS');
    // an item still gets a status: the only one there is
    expect((await buildItem(t, a, s.id)).statusId).toBe(s.statuses[0].id);
  });
});
