import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildItem, buildSpace, type SpaceJson, statusIn } from '../test/factories';
import { buildMember, buildUser, buildWorkspace, call, dbDigest, type TestApp, testApp, type TestUser } from '../test/harness';

const api = '/api/v1';

describe.each(testDialects())('templates on %s', (dialect) => {
  let t: TestApp;
  let owner: TestUser;
  let member: TestUser;
  let guest: TestUser;
  let ws: string;
  let src: SpaceJson;
  let dst: SpaceJson;
  let labelId: string;
  let severity: { id: string; options: Array<{ id: string; name: string }> };
  let points: string;

  /** Every table, this area's included: equal before and after means nothing was written. */
  const digest = async () => `${await dbDigest(t)}\n${JSON.stringify(await t.deps.store.db.selectFrom('templates').selectAll().orderBy('id').execute())}`;

  beforeAll(async () => {
    t = await testApp(dialect);
    owner = await buildUser(t, { name: 'Owner' });
    ws = (await buildWorkspace(t, owner)).id;
    member = await buildMember(t, ws, 'member', { name: 'Mia' });
    guest = await buildMember(t, ws, 'guest', { name: 'Gus' });
    src = await buildSpace(t, owner, ws, { key: 'SRC', name: 'Source', memberIds: [guest.id] });
    dst = await buildSpace(t, owner, ws, { key: 'DST', name: 'Target' });
    labelId = (await call(t, owner, 'POST', `${api}/workspaces/${ws}/labels`, { name: 'onboarding' })).json().id;
    severity = (await call(t, owner, 'POST', `${api}/workspaces/${ws}/fields`, { name: 'Severity', type: 'select', options: [{ name: 'Low' }, { name: 'High' }] })).json();
    points = (await call(t, owner, 'POST', `${api}/workspaces/${ws}/fields`, { name: 'Points', type: 'number', spaceId: src.id })).json().id;
  });
  afterAll(async () => t.close());

  it('round-trips an item: save as template, apply elsewhere, same fields and subitems', async () => {
    const high = severity.options[1].id;
    const root = await buildItem(t, owner, src.id, {
      title: 'Onboard a new hire',
      description: 'Steps for **week one**',
      type: 'request',
      priority: 'high',
      labelIds: [labelId],
      assigneeIds: [member.id],
      estimate: 5,
      fields: { [severity.id]: high, [points]: 3 },
    });
    const laptop = await buildItem(t, owner, src.id, { title: 'Order laptop', parentId: root.id, priority: 'medium' });
    await buildItem(t, owner, src.id, { title: 'Pick model', parentId: laptop.id });
    await buildItem(t, owner, src.id, { title: 'Accounts', parentId: root.id });
    const trashed = await buildItem(t, owner, src.id, { title: 'Old step', parentId: root.id });
    expect((await call(t, owner, 'DELETE', `${api}/items/${trashed.id}`)).statusCode).toBe(200);

    const saved = await call(t, member, 'POST', `${api}/items/${root.key}/save-as-template`, { name: 'Onboarding', includeAssignees: true });
    expect(saved.statusCode, saved.body).toBe(201);
    const tpl = saved.json();
    expect(tpl).toMatchObject({ kind: 'item', name: 'Onboarding', spaceId: src.id, createdBy: member.id, version: 1, abilities: { update: true, delete: true } });
    expect(tpl.content.item).toMatchObject({
      title: 'Onboard a new hire',
      description: 'Steps for **week one**',
      type: 'request',
      priority: 'high',
      labelIds: [labelId],
      assigneeIds: [member.id],
      estimate: 5,
      fields: { [severity.id]: high, [points]: 3 },
      subitems: [{ title: 'Order laptop', priority: 'medium', subitems: [{ title: 'Pick model' }] }, { title: 'Accounts' }],
    });
    expect(JSON.stringify(tpl.content)).not.toContain('Old step');

    const applied = await call(t, member, 'POST', `${api}/templates/${tpl.id}/apply`, { spaceId: dst.id });
    expect(applied.statusCode, applied.body).toBe(201);
    const made = applied.json();
    // Points is a field of the source space: it does not apply in the target and is reported.
    expect(made.dropped).toEqual({ labelIds: [], fieldIds: [points], assigneeIds: [] });
    expect(made.item).toMatchObject({
      spaceId: dst.id,
      key: 'DST-1',
      title: 'Onboard a new hire',
      description: 'Steps for **week one**',
      type: 'request',
      priority: 'high',
      labelIds: [labelId],
      assigneeIds: [member.id],
      estimate: 5,
      fields: { [severity.id]: high },
      createdBy: member.id,
      statusId: statusIn(dst, 'todo'),
    });
    expect(made.subitems.map((s: { title: string; parentId: string }) => [s.title, s.parentId])).toEqual([
      ['Order laptop', made.item.id],
      ['Accounts', made.item.id],
      ['Pick model', made.subitems[0].id],
    ]);
    // Through the core create path: keys from the space counter, events, search index.
    expect(made.subitems.map((s: { key: string }) => s.key)).toEqual(['DST-2', 'DST-3', 'DST-4']);
    const events = await t.deps.store.db.selectFrom('events').select(['type', 'item_id']).where('workspace_id', '=', ws).orderBy('id').execute();
    expect(events.filter((e) => e.type === 'item.created' && e.item_id && [made.item.id, ...made.subitems.map((s: { id: string }) => s.id)].includes(e.item_id))).toHaveLength(4);
    expect(events.at(-1)).toMatchObject({ type: 'template.applied', item_id: made.item.id });
    const search = await t.deps.store.db.selectFrom('item_search').select('item_id').where('item_id', '=', made.subitems[2].id).execute();
    expect(search).toHaveLength(1);
  });

  it('applies with overrides, as a subitem, with checklists and relative dates', async () => {
    const parent = await buildItem(t, owner, dst.id, { title: 'Release 1.0' });
    t.clock.set('2026-03-10T23:30:00Z');
    const body = {
      kind: 'item',
      name: 'Release checklist',
      content: { item: { title: 'Ship it', dueInDays: 2, checklist: ['Changelog', 'Tag'], subitems: [{ title: 'Announce', startInDays: 1 }] } },
    };
    const tpl = (await call(t, owner, 'POST', `${api}/workspaces/${ws}/templates`, body)).json();
    expect(tpl).toMatchObject({ kind: 'item', spaceId: null });
    const made = (await call(t, member, 'POST', `${api}/templates/${tpl.id}/apply`, { spaceId: dst.id, parentId: parent.id, title: 'Ship 1.0', statusId: statusIn(dst, 'in_progress') })).json();
    // The workspace is in UTC: "today" is 2026-03-10.
    expect(made.item).toMatchObject({ title: 'Ship 1.0', parentId: parent.id, dueAt: '2026-03-12', statusCategory: 'in_progress' });
    expect(made.subitems.map((s: { title: string; startAt: string | null }) => [s.title, s.startAt])).toEqual([
      ['Changelog', null],
      ['Tag', null],
      ['Announce', '2026-03-11'],
    ]);
  });

  it('round-trips a space: workflow, its fields with options, shared views', async () => {
    const space = await buildSpace(t, owner, ws, { key: 'HIRE', name: 'Hiring', kind: 'project', description: 'People we hire', visibility: 'members' });
    const todo = statusIn(space, 'todo');
    await call(t, owner, 'POST', `${api}/spaces/${space.id}/statuses`, { name: 'Interviewing', category: 'in_progress', color: '#00ff00', beforeId: todo });
    await call(t, owner, 'POST', `${api}/workspaces/${ws}/fields`, { name: 'Stage', type: 'select', spaceId: space.id, options: [{ name: 'Screen', color: 'blue' }, { name: 'Onsite' }] });
    await call(t, owner, 'POST', `${api}/workspaces/${ws}/views`, { name: 'Pipeline', query: 'is:open', layout: 'board', spaceId: space.id, shared: true });
    await call(t, owner, 'POST', `${api}/workspaces/${ws}/views`, { name: 'Mine only', spaceId: space.id });
    const saved = await call(t, owner, 'POST', `${api}/spaces/${space.id}/save-as-template`, { name: 'Hiring pipeline' });
    expect(saved.statusCode, saved.body).toBe(201);
    const tpl = saved.json();
    expect(tpl.content).toMatchObject({
      space: { kind: 'project', description: 'People we hire', visibility: 'members' },
      fields: [{ name: 'Stage', type: 'select', options: [{ name: 'Screen', color: 'blue' }, { name: 'Onsite' }] }],
      views: [{ name: 'Pipeline', query: 'is:open', layout: 'board', shared: true }],
      routines: [],
      forms: [],
    });
    expect(tpl.content.views).toHaveLength(1);
    expect(tpl.content.statuses.map((s: { name: string }) => s.name)).toEqual(['Backlog', 'Interviewing', 'Todo', 'In Progress', 'In Review', 'Done', 'Canceled']);

    const applied = await call(t, member, 'POST', `${api}/templates/${tpl.id}/apply`, { key: 'HIRE2', name: 'Hiring 2027' });
    expect(applied.statusCode, applied.body).toBe(201);
    const made = applied.json();
    expect(made.space).toMatchObject({ key: 'HIRE2', name: 'Hiring 2027', kind: 'project', visibility: 'members', description: 'People we hire', memberIds: [member.id] });
    expect(made.space.statuses.map((s: { name: string; category: string; color: string | null }) => [s.name, s.category, s.color])[1]).toEqual(['Interviewing', 'in_progress', '#00ff00']);
    expect(made.fields).toMatchObject([{ name: 'Stage', type: 'select', spaceId: made.space.id }]);
    expect(made.fields[0].options.map((o: { name: string }) => o.name)).toEqual(['Screen', 'Onsite']);
    expect(made.views).toMatchObject([{ name: 'Pipeline', layout: 'board', shared: true, spaceId: made.space.id }]);
    const item = await buildItem(t, member, made.space.id, { title: 'Candidate', fields: { [made.fields[0].id]: made.fields[0].options[0].id } });
    expect(item.key).toBe('HIRE2-1');
  });

  it('refuses bad input with a 400 naming the field and writes nothing', async () => {
    const itemTpl = (await call(t, owner, 'POST', `${api}/workspaces/${ws}/templates`, { kind: 'item', name: 'Plain', content: { item: { title: 'x' } } })).json();
    const spaceTpl = (await call(t, owner, 'POST', `${api}/workspaces/${ws}/templates`, { kind: 'space', name: 'Flow', content: { statuses: [{ name: 'Open', category: 'todo' }] } })).json();
    const before = await digest();
    const post = (body: unknown) => call(t, owner, 'POST', `${api}/workspaces/${ws}/templates`, body);
    const cases: Array<[Promise<{ statusCode: number; json(): { code: string; errors?: Array<{ path: string }> } }>, number, string | null]> = [
      [post({ kind: 'item', name: 'x', content: { item: { title: 'a', labelIds: ['nosuchlabel'] } } }), 400, 'body.content.item.labelIds'],
      [post({ kind: 'item', name: 'x', content: { item: { title: 'a', subitems: [{ title: 'b', type: 'nope' }] } } }), 400, 'body.content.item.subitems.0.type'],
      [post({ kind: 'item', name: 'x', content: { item: { title: '' } } }), 400, null],
      [post({ kind: 'item', name: 'x', content: { item: { title: 'a' }, extra: 1 } }), 400, null],
      [post({ kind: 'widget', name: 'x', content: {} }), 400, null],
      [post({ kind: 'space', name: 'x', content: { statuses: [] } }), 400, null],
      [post({ kind: 'space', name: 'x', content: { statuses: [{ name: 'A', category: 'todo' }], views: [{ name: 'V', query: 'priority:>>' }] } }), 400, 'body.content.views.0.query'],
      [post({ kind: 'space', name: 'x', content: { statuses: [{ name: 'A', category: 'todo' }], fields: [{ name: 'F', type: 'text' }, { name: 'f', type: 'text' }] } }), 400, 'body.content.fields.1.name'],
      [
        post({ kind: 'item', name: 'deep', content: { item: { title: '1', subitems: [{ title: '2', subitems: [{ title: '3', subitems: [{ title: '4', subitems: [{ title: '5', subitems: [{ title: '6' }] }] }] }] }] } } }),
        400,
        'body.content.item.subitems.0.subitems.0.subitems.0.subitems.0.subitems.0',
      ],
      [call(t, owner, 'POST', `${api}/templates/${itemTpl.id}/apply`, {}), 400, 'body.spaceId'],
      [call(t, owner, 'POST', `${api}/templates/${itemTpl.id}/apply`, { spaceId: dst.id, key: 'NOPE' }), 400, 'body.key'],
      [call(t, owner, 'POST', `${api}/templates/${itemTpl.id}/apply`, { spaceId: dst.id, statusId: statusIn(src, 'todo') }), 400, 'body.statusId'],
      [call(t, owner, 'POST', `${api}/templates/${itemTpl.id}/apply`, { spaceId: dst.id, assigneeIds: ['nobody'] }), 400, 'body.assigneeIds'],
      [call(t, owner, 'POST', `${api}/templates/${spaceTpl.id}/apply`, { key: 'DST', name: 'Taken' }), 409, 'body.key'],
      [call(t, owner, 'POST', `${api}/templates/${spaceTpl.id}/apply`, { key: 'lower', name: 'x' }), 400, null],
      [call(t, owner, 'POST', `${api}/templates/${spaceTpl.id}/apply`, { key: 'OK', name: 'x', spaceId: dst.id }), 400, 'body.spaceId'],
      [call(t, owner, 'PATCH', `${api}/templates/${itemTpl.id}`, { version: 1, content: { statuses: [] } }), 400, null],
      [call(t, owner, 'PATCH', `${api}/templates/${itemTpl.id}`, { version: 9, name: 'stale' }), 409, null],
      [call(t, owner, 'PATCH', `${api}/templates/${itemTpl.id}`, { name: 'no version' }), 428, null],
      [call(t, owner, 'POST', `${api}/templates/nosuch/apply`, { spaceId: dst.id }), 404, null],
    ];
    for (const [p, status, path] of cases) {
      const res = await p;
      expect(res.statusCode).toBe(status);
      if (path) expect(res.json().errors?.map((e) => e.path)).toContain(path);
    }
    expect(await digest()).toBe(before);
  });

  it('a bad routine entry is refused by the routines handler, and nothing of the apply is kept', async () => {
    const tpl = (await call(t, owner, 'POST', `${api}/workspaces/${ws}/templates`, { kind: 'space', name: 'With routine', content: { statuses: [{ name: 'Open', category: 'todo' }], routines: [{ name: 'Payroll' }] } })).json();
    const before = await digest();
    const res = await call(t, owner, 'POST', `${api}/templates/${tpl.id}/apply`, { key: 'PAY', name: 'Payroll' });
    expect(res.json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('content.routines.0.recurrence');
    expect(await digest()).toBe(before);
  });

  it('lists, updates and deletes; scope and roles decide who sees and changes what', async () => {
    const mine = (await call(t, member, 'POST', `${api}/workspaces/${ws}/templates`, { kind: 'item', name: 'AAA member template', content: { item: { title: 'x' } } })).json();
    const scoped = (await call(t, owner, 'POST', `${api}/workspaces/${ws}/templates`, { kind: 'item', name: 'AAB scoped', spaceId: src.id, content: { item: { title: 'x' } } })).json();
    const names = async (u: TestUser, q = '') => (await call(t, u, 'GET', `${api}/workspaces/${ws}/templates?limit=200${q}`)).json().data.map((x: { name: string }) => x.name);
    expect(await names(member)).toEqual(expect.arrayContaining(['AAA member template', 'AAB scoped']));
    // The guest was invited to the source space only: they see its templates, not workspace-wide ones.
    expect(await names(guest)).toContain('AAB scoped');
    expect(await names(guest)).not.toContain('AAA member template');
    expect(await names(owner, '&kind=space')).not.toContain('AAA member template');
    // Pages walk in name order with a cursor.
    const p1 = (await call(t, owner, 'GET', `${api}/workspaces/${ws}/templates?limit=1`)).json();
    const p2 = (await call(t, owner, 'GET', `${api}/workspaces/${ws}/templates?limit=1&cursor=${p1.nextCursor}`)).json();
    expect([p1.data[0].name, p2.data[0].name]).toEqual(['AAA member template', 'AAB scoped']);

    expect((await call(t, member, 'PATCH', `${api}/templates/${scoped.id}`, { version: 1, name: 'not mine' })).statusCode).toBe(403);
    const renamed = await call(t, member, 'PATCH', `${api}/templates/${mine.id}`, { version: 1, name: 'AAA renamed', content: { item: { title: 'y', checklist: ['one'] } } });
    expect(renamed.json()).toMatchObject({ name: 'AAA renamed', version: 2, content: { item: { title: 'y', checklist: ['one'] } } });
    expect((await call(t, guest, 'GET', `${api}/templates/${mine.id}`)).statusCode).toBe(404);
    expect((await call(t, owner, 'DELETE', `${api}/templates/${mine.id}`)).statusCode).toBe(204);
    expect((await call(t, member, 'GET', `${api}/templates/${mine.id}`)).statusCode).toBe(404);
    const types = (await t.deps.store.db.selectFrom('events').select('type').where('type', 'like', 'template.%').execute()).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['template.created', 'template.updated', 'template.deleted', 'template.applied']));
  });
});
