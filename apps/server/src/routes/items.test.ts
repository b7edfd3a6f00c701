import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildItem, buildSpace, statusIn } from '../test/factories';
import { buildMember, buildUser, buildWorkspace, call, dbDigest, type TestApp, testApp } from '../test/harness';

const api = '/api/v1';

describe.each(testDialects())('items on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
  });
  afterAll(async () => t.close());

  async function world() {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const s = await buildSpace(t, a, ws.id, { key: 'OPS' });
    return { a, ws, s };
  }

  it('runs the full lifecycle: create, read by id and key, update, trash, restore', async () => {
    const { a, ws, s } = await world();
    const b = await buildMember(t, ws.id, 'member');
    const label = await t.deps.store.db.insertInto('labels').values({ id: 'lbl1' + ws.id.slice(-8), workspace_id: ws.id, name: 'bug', color: null, created_at: 'x', version: 1 }).returning('id').executeTakeFirstOrThrow();
    const res = await call(t, a, 'POST', `${api}/spaces/${s.id}/items`, {
      title: '  Fix the pump  ',
      description: 'It *leaks*.',
      priority: 'high',
      assigneeIds: [b.id, a.id],
      ownerId: a.id,
      labelIds: [label.id],
      startAt: '2026-12-01',
      dueAt: '2026-12-03T09:30:00+02:00',
      estimate: 3,
    });
    expect(res.statusCode).toBe(201);
    const item = res.json();
    expect(item).toMatchObject({
      key: 'OPS-1',
      number: 1,
      type: 'task',
      title: 'Fix the pump',
      statusId: statusIn(s, 'todo'),
      statusCategory: 'todo',
      priority: 'high',
      ownerId: a.id,
      labelIds: [label.id],
      startAt: '2026-12-01',
      dueAt: '2026-12-03T07:30:00.000Z',
      estimate: 3,
      parentId: null,
      fields: {},
      alsoInSpaceIds: [],
      links: [],
      progress: { total: 0, done: 0 },
      version: 1,
      createdBy: a.id,
      completedAt: null,
      deletedAt: null,
      abilities: { read: true, update: true, delete: true, comment: true, create: true },
    });
    expect([...item.assigneeIds].sort()).toEqual([a.id, b.id].sort());
    for (const ref of [item.id, 'OPS-1', 'ops-1']) {
      const got = await call(t, b, 'GET', `${api}/items/${ref}`);
      expect(got.statusCode).toBe(200);
      expect(got.json().id).toBe(item.id);
    }
    expect((await call(t, a, 'GET', `${api}/items/OPS-99`)).statusCode).toBe(404);

    const upd = await call(t, b, 'PATCH', `${api}/items/OPS-1`, { version: 1, title: 'Fix the big pump', priority: 'urgent', assigneeIds: [b.id], dueAt: null, estimate: 3 });
    expect(upd.statusCode).toBe(200);
    expect(upd.json()).toMatchObject({ title: 'Fix the big pump', priority: 'urgent', assigneeIds: [b.id], dueAt: null, version: 2 });
    const ev = await t.deps.store.db.selectFrom('events').selectAll().where('item_id', '=', item.id).where('type', '=', 'item.updated').executeTakeFirstOrThrow();
    expect(ev.space_id).toBe(s.id);
    expect(ev.actor_id).toBe(b.id);
    expect(JSON.parse(ev.data).changes).toEqual({
      title: { from: 'Fix the pump', to: 'Fix the big pump' },
      priority: { from: 'high', to: 'urgent' },
      dueAt: { from: '2026-12-03T07:30:00.000Z', to: null },
      assigneeIds: { from: [a.id, b.id].sort(), to: [b.id] },
    });
    const search = await t.deps.store.db.selectFrom('item_search').select('content').where('item_id', '=', item.id).executeTakeFirstOrThrow();
    expect(search.content).toContain('Fix the big pump');
    // a no-op update writes nothing
    const same = await call(t, a, 'PATCH', `${api}/items/${item.id}`, { version: 2, title: 'Fix the big pump' });
    expect(same.json().version).toBe(2);

    const del = await call(t, a, 'DELETE', `${api}/items/${item.id}`);
    expect(del.statusCode).toBe(200);
    expect(del.json().deletedAt).toBe(t.clock.now().toISOString());
    const live = await call(t, a, 'GET', `${api}/spaces/${s.id}/items`);
    expect(live.json().data).toEqual([]);
    const trash = await call(t, a, 'GET', `${api}/spaces/${s.id}/items?deleted=true`);
    expect(trash.json().data.map((i: { id: string }) => i.id)).toEqual([item.id]);
    expect((await call(t, a, 'PATCH', `${api}/items/${item.id}`, { version: 3, title: 'x' })).statusCode).toBe(422);
    const restored = await call(t, a, 'POST', `${api}/items/${item.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ deletedAt: null, version: 4 });
    expect((await call(t, a, 'GET', `${api}/spaces/${s.id}/items`)).json().data.map((i: { id: string }) => i.id)).toEqual([item.id]);
    const types = await t.deps.store.db.selectFrom('events').select(['type', 'space_id', 'item_id']).where('item_id', '=', item.id).orderBy('id').execute();
    expect(types.map((e) => e.type)).toEqual(['item.created', 'item.updated', 'item.deleted', 'item.restored']);
    expect(types.every((e) => e.space_id === s.id && e.item_id === item.id)).toBe(true);
  });

  it('never reuses numbers, even after a delete', async () => {
    const { a, s } = await world();
    const one = await buildItem(t, a, s.id);
    const two = await buildItem(t, a, s.id);
    await call(t, a, 'DELETE', `${api}/items/${two.id}`);
    const three = await buildItem(t, a, s.id);
    expect([one.key, two.key, three.key]).toEqual(['OPS-1', 'OPS-2', 'OPS-3']);
  });

  it('hands out distinct numbers to concurrent creates', async () => {
    const { a, s } = await world();
    const made = await Promise.all(Array.from({ length: 8 }, (_, i) => call(t, a, 'POST', `${api}/spaces/${s.id}/items`, { title: `c${i}` })));
    expect(made.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(made.map((r) => r.json().number).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('sets completedAt on entering done and clears it on leaving', async () => {
    const { a, s } = await world();
    const created = await buildItem(t, a, s.id, { statusId: statusIn(s, 'done') });
    expect(created.completedAt).toBe(t.clock.now().toISOString());
    const item = await buildItem(t, a, s.id);
    t.clock.advance(60_000);
    const done = await call(t, a, 'PATCH', `${api}/items/${item.id}`, { version: 1, statusId: statusIn(s, 'done') });
    expect(done.json()).toMatchObject({ statusCategory: 'done', completedAt: t.clock.now().toISOString() });
    const reopened = await call(t, a, 'PATCH', `${api}/items/${item.id}`, { version: 2, statusId: statusIn(s, 'in_progress') });
    expect(reopened.json()).toMatchObject({ statusCategory: 'in_progress', completedAt: null });
    const canceled = await call(t, a, 'PATCH', `${api}/items/${item.id}`, { version: 3, statusId: statusIn(s, 'canceled') });
    expect(canceled.json().completedAt).toBeNull();
    const moved = await call(t, a, 'POST', `${api}/items/${item.id}/move`, { version: 4, statusId: statusIn(s, 'done') });
    expect(moved.json().completedAt).toBe(t.clock.now().toISOString());
  });

  it('lets exactly one of two updates from the same version win', async () => {
    const { a, s } = await world();
    const item = await buildItem(t, a, s.id);
    const [r1, r2] = await Promise.all([
      call(t, a, 'PATCH', `${api}/items/${item.id}`, { version: 1, title: 'First' }),
      call(t, a, 'PATCH', `${api}/items/${item.id}`, { version: 1, title: 'Second' }),
    ]);
    const codes = [r1.statusCode, r2.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = r1.statusCode === 409 ? r1 : r2;
    const winner = r1.statusCode === 200 ? r1 : r2;
    expect(loser.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { version: 2, title: winner.json().title } });
    expect((await call(t, a, 'PATCH', `${api}/items/${item.id}`, { title: 'No version' })).statusCode).toBe(428);
    const viaHeader = await t.app.inject({ method: 'PATCH', url: `${api}/items/${item.id}`, headers: { ...a.headers, 'if-match': 'W/"2"' }, payload: { title: 'Header' } });
    expect(viaHeader.statusCode).toBe(200);
  });

  it('rejects bad input with 400 problem documents and an unchanged database', async () => {
    const { a, ws, s } = await world();
    const item = await buildItem(t, a, s.id);
    const stranger = await buildUser(t);
    const before = await dbDigest(t);
    const cases: Array<[string, string, unknown, string?]> = [
      ['POST', `${api}/spaces/${s.id}/items`, { title: 'x'.repeat(501) }, 'body.title'],
      ['POST', `${api}/spaces/${s.id}/items`, { title: '   ' }, 'body.title'],
      ['POST', `${api}/spaces/${s.id}/items`, { title: 'ok', bogus: true }],
      ['POST', `${api}/spaces/${s.id}/items`, { title: 'ok', priority: 'meh' }, 'body.priority'],
      ['POST', `${api}/spaces/${s.id}/items`, { title: 'ok', type: 'epic' }, 'body.type'],
      ['POST', `${api}/spaces/${s.id}/items`, { title: 'ok', dueAt: '2026-02-30x' }, 'body.dueAt'],
      ['POST', `${api}/spaces/${s.id}/items`, { title: 'ok', estimate: -1 }, 'body.estimate'],
      ['POST', `${api}/spaces/${s.id}/items`, { title: 'ok', assigneeIds: [stranger.id] }, 'body.assigneeIds'],
      ['POST', `${api}/spaces/${s.id}/items`, { title: 'ok', ownerId: stranger.id }, 'body.ownerId'],
      ['POST', `${api}/spaces/${s.id}/items`, { title: 'ok', labelIds: ['nolabel'] }, 'body.labelIds'],
      ['POST', `${api}/spaces/${s.id}/items`, { title: 'ok', statusId: 'nostatus' }, 'body.statusId'],
      ['POST', `${api}/spaces/${s.id}/items`, { title: 'ok', parentId: 'noparent' }, 'body.parentId'],
      ['POST', `${api}/spaces/${s.id}/items`, { title: 'ok', fields: { nofield: 'x' } }, 'body.fields.nofield'],
      ['PATCH', `${api}/items/${item.id}`, { version: 1, title: 'x'.repeat(501) }, 'body.title'],
      ['PATCH', `${api}/items/${item.id}`, { version: 1, startAt: 'tomorrow' }, 'body.startAt'],
      ['PATCH', `${api}/items/${item.id}`, { version: 1, alsoInSpaceIds: [s.id] }, 'body.alsoInSpaceIds'],
      ['PATCH', `${api}/items/${item.id}`, { version: 0 }, 'body.version'],
      ['POST', `${api}/items/${item.id}/move`, { version: 1, afterId: 'nope' }, 'body.afterId'],
      ['POST', `${api}/items/${item.id}/move`, { version: 1, statusId: 'nope' }, 'body.statusId'],
      ['POST', `${api}/items/${item.id}/links`, { kind: 'duplicates', itemId: item.id }, 'body.kind'],
      ['POST', `${api}/items/${item.id}/links`, { kind: 'blocks', itemId: item.id }, 'body.itemId'],
      ['GET', `${api}/spaces/${s.id}/items?limit=201`, undefined, 'querystring.limit'],
      ['GET', `${api}/spaces/${s.id}/items?cursor=abc`, undefined, 'querystring.cursor'],
    ];
    for (const [method, url, body, path] of cases) {
      const res = await call(t, a, method, url, body);
      expect({ method, url, status: res.statusCode }).toEqual({ method, url, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      if (path) expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await dbDigest(t)).toBe(before);
    expect(ws.id).toBeTruthy();
  });

  it('validates custom fields by type and scope', async () => {
    const { a, ws, s } = await world();
    const other = await buildSpace(t, a, ws.id);
    const b = await buildMember(t, ws.id, 'member');
    const stranger = await buildUser(t);
    const now = t.clock.now().toISOString();
    const field = (id: string, type: string, space_id: string | null = null, options: unknown[] = []) => ({ id: `${id}${ws.id.slice(-6)}`, workspace_id: ws.id, space_id, name: id, type, options: JSON.stringify(options), position: 0, created_at: now, version: 1 });
    const f = {
      text: field('ftext', 'text'),
      num: field('fnum', 'number'),
      date: field('fdate', 'date'),
      sel: field('fsel', 'select', null, [{ id: 'o1', name: 'One' }, { id: 'o2', name: 'Two' }]),
      multi: field('fmulti', 'multi_select', null, [{ id: 'm1', name: 'A' }, { id: 'm2', name: 'B' }]),
      person: field('fperson', 'person'),
      check: field('fcheck', 'checkbox'),
      url: field('furl', 'url'),
      mine: field('fmine', 'text', s.id),
      theirs: field('ftheirs', 'text', other.id),
    };
    await t.deps.store.db.insertInto('fields').values(Object.values(f)).execute();
    const good = {
      [f.text.id]: 'hello',
      [f.num.id]: 4.5,
      [f.date.id]: '2026-12-24',
      [f.sel.id]: 'o2',
      [f.multi.id]: ['m2', 'm1'],
      [f.person.id]: b.id,
      [f.check.id]: true,
      [f.url.id]: 'https://example.com/x?y=1',
      [f.mine.id]: 'space scoped',
    };
    const res = await call(t, a, 'POST', `${api}/spaces/${s.id}/items`, { title: 'fields', fields: good });
    expect(res.statusCode).toBe(201);
    expect(res.json().fields).toEqual({ ...good, [f.person.id]: [b.id] });
    const bad: Array<[string, unknown]> = [
      [f.text.id, 5],
      [f.num.id, '5'],
      [f.date.id, '2026-02-30'],
      [f.date.id, '24/12/2026'],
      [f.sel.id, 'o3'],
      [f.sel.id, ['o1']],
      [f.multi.id, ['m1', 'mX']],
      [f.multi.id, 'm1'],
      [f.person.id, [stranger.id]],
      [f.check.id, 'yes'],
      [f.url.id, 'javascript:alert(1)'],
      [f.url.id, 'not a url'],
      [f.theirs.id, 'other space'],
    ];
    const before = await dbDigest(t);
    for (const [id, value] of bad) {
      const r = await call(t, a, 'POST', `${api}/spaces/${s.id}/items`, { title: 'bad', fields: { [id]: value } });
      expect({ id, value, status: r.statusCode }).toEqual({ id, value, status: 400 });
      expect(r.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: `body.fields.${id}` }] });
    }
    expect(await dbDigest(t)).toBe(before);
    const upd = await call(t, a, 'PATCH', `${api}/items/${res.json().id}`, { version: 1, fields: { [f.num.id]: null, [f.check.id]: false, [f.multi.id]: ['m1'] } });
    expect(upd.statusCode).toBe(200);
    expect(upd.json().fields).toMatchObject({ [f.check.id]: false, [f.multi.id]: ['m1'] });
    expect(upd.json().fields).not.toHaveProperty(f.num.id);
    const ev = await t.deps.store.db.selectFrom('events').select('data').where('item_id', '=', res.json().id).where('type', '=', 'item.updated').executeTakeFirstOrThrow();
    expect(JSON.parse(ev.data).changes).toEqual({
      [`fields.${f.num.id}`]: { from: 4.5, to: null },
      [`fields.${f.check.id}`]: { from: true, to: false },
      [`fields.${f.multi.id}`]: { from: ['m2', 'm1'], to: ['m1'] },
    });
  });

  it('rolls subitem progress up over every depth and refuses parent cycles', async () => {
    const { a, s } = await world();
    const root = await buildItem(t, a, s.id);
    const child = await buildItem(t, a, s.id, { parentId: root.id, statusId: statusIn(s, 'done') });
    const grandchild = await buildItem(t, a, s.id, { parentId: child.id });
    await buildItem(t, a, s.id, { parentId: grandchild.id, statusId: statusIn(s, 'done') });
    const trashed = await buildItem(t, a, s.id, { parentId: root.id });
    await call(t, a, 'DELETE', `${api}/items/${trashed.id}`);
    expect((await call(t, a, 'GET', `${api}/items/${root.id}`)).json().progress).toEqual({ total: 3, done: 2 });
    expect((await call(t, a, 'GET', `${api}/items/${child.id}`)).json().progress).toEqual({ total: 2, done: 1 });
    const list = await call(t, a, 'GET', `${api}/spaces/${s.id}/items`);
    expect(list.json().data.find((i: { id: string }) => i.id === root.id).progress).toEqual({ total: 3, done: 2 });
    const before = await dbDigest(t);
    for (const [id, parentId, version] of [
      [root.id, grandchild.id, 1],
      [root.id, root.id, 1],
      [child.id, grandchild.id, 1],
    ] as const) {
      const r = await call(t, a, 'PATCH', `${api}/items/${id}`, { version, parentId });
      expect(r.statusCode).toBe(409);
      expect(r.json().code).toBe('PARENT_CYCLE');
    }
    expect(await dbDigest(t)).toBe(before);
    // deleting a parent leaves its subitems in place, still pointing at it
    await call(t, a, 'DELETE', `${api}/items/${child.id}`);
    expect((await call(t, a, 'GET', `${api}/items/${grandchild.id}`)).json()).toMatchObject({ parentId: child.id, deletedAt: null });
  });

  it('lists multi-homed items in their other spaces while they keep their home and workflow', async () => {
    const { a, ws, s } = await world();
    const p = await buildSpace(t, a, ws.id, { key: 'PRJ', kind: 'project' });
    const secret = await buildSpace(t, a, ws.id, { key: 'SEC', visibility: 'members' });
    const member = await buildMember(t, ws.id, 'member');
    const item = await buildItem(t, a, s.id, { title: 'shared' });
    await buildItem(t, a, p.id, { title: 'own' });
    const upd = await call(t, a, 'PATCH', `${api}/items/${item.id}`, { version: 1, alsoInSpaceIds: [p.id, secret.id] });
    expect(upd.statusCode).toBe(200);
    expect(upd.json()).toMatchObject({ spaceId: s.id, key: 'OPS-1', statusId: item.statusId });
    expect([...upd.json().alsoInSpaceIds].sort()).toEqual([p.id, secret.id].sort());
    const inProject = await call(t, a, 'GET', `${api}/spaces/${p.id}/items`);
    expect(inProject.json().data.map((i: { title: string }) => i.title).sort()).toEqual(['own', 'shared']);
    // a member who cannot see SEC neither sees it listed nor can drop it
    const seen = await call(t, member, 'GET', `${api}/items/${item.id}`);
    expect(seen.json().alsoInSpaceIds).toEqual([p.id]);
    const dropped = await call(t, member, 'PATCH', `${api}/items/${item.id}`, { version: 2, alsoInSpaceIds: [] });
    expect(dropped.statusCode).toBe(200);
    expect((await call(t, a, 'GET', `${api}/items/${item.id}`)).json().alsoInSpaceIds).toEqual([secret.id]);
    const refused = await call(t, member, 'PATCH', `${api}/items/${item.id}`, { version: 3, alsoInSpaceIds: [secret.id] });
    expect(refused.statusCode).toBe(400);
  });

  it('checks references: parents in other spaces are fine, outsiders of the space are not assignees', async () => {
    const { a, ws, s } = await world();
    const other = await buildSpace(t, a, ws.id, { key: 'OTH' });
    const guest = await buildMember(t, ws.id, 'guest');
    const parent = await buildItem(t, a, other.id);
    const child = await buildItem(t, a, s.id, { parentId: parent.id });
    expect(child.parentId).toBe(parent.id);
    expect((await call(t, a, 'GET', `${api}/items/${parent.id}`)).json().progress).toEqual({ total: 1, done: 0 });
    const before = await dbDigest(t);
    const res = await call(t, a, 'POST', `${api}/spaces/${s.id}/items`, { title: 'x', assigneeIds: [guest.id] });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.assigneeIds');
    // a stale If-Match on delete or restore is a conflict, not a silent change
    const stale = await t.app.inject({ method: 'DELETE', url: `${api}/items/${child.id}`, headers: { ...a.headers, 'if-match': '"7"' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.id).toBe(child.id);
    expect(await dbDigest(t)).toBe(before);
    const ok = await t.app.inject({ method: 'DELETE', url: `${api}/items/${child.id}`, headers: { ...a.headers, 'if-match': '"1"' } });
    expect(ok.statusCode).toBe(200);
    expect((await call(t, a, 'DELETE', `${api}/items/${child.id}`)).statusCode).toBe(422);
  });

  it('paginates a space in board order (status, then position) with a cursor', async () => {
    const { a, s } = await world();
    const ids: string[] = [];
    for (const cat of ['done', 'backlog', 'todo']) for (let i = 0; i < 3; i += 1) ids.push((await buildItem(t, a, s.id, { statusId: statusIn(s, cat), title: `${cat} ${i}` })).title);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(t, a, 'GET', `${api}/spaces/${s.id}/items?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.json().data.map((i: { title: string }) => i.title));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(['backlog 0', 'backlog 1', 'backlog 2', 'todo 0', 'todo 1', 'todo 2', 'done 0', 'done 1', 'done 2']);
    expect(ids).toHaveLength(9);
  });
});
