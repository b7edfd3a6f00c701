import { testDialects } from '@weft/db';
import type { Item } from '@weft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildItem, buildSpace, statusIn } from '../test/factories';
import { buildMember, buildUser, buildWorkspace, call, type TestApp, testApp } from '../test/harness';

const api = '/api/v1';

describe.each(testDialects())('GET /spaces/:id/board on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
  });
  afterAll(async () => t.close());

  it('is the whole board in one answer: the same items in the same order as the paged list, as cards', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const s = await buildSpace(t, a, ws.id, { key: 'BRD' });
    const other = await buildSpace(t, a, ws.id, { key: 'OTH' });
    const b = await buildMember(t, ws.id, 'member');
    const label = await call(t, a, 'POST', `${api}/workspaces/${ws.id}/labels`, { name: 'bug' });
    expect(label.statusCode).toBe(201);
    const stage = (await call(t, a, 'POST', `${api}/workspaces/${ws.id}/fields`, { name: 'Stage', type: 'select', spaceId: s.id, options: [{ name: 'Design' }] })).json();
    const note = (await call(t, a, 'POST', `${api}/workspaces/${ws.id}/fields`, { name: 'Note', type: 'text' })).json();
    const items: Item[] = [];
    for (let i = 0; i < 7; i++) {
      const status = statusIn(s, ['todo', 'in_progress', 'backlog'][i % 3]);
      items.push(await buildItem(t, a, s.id, { title: `Card ${i}`, statusId: status, priority: 'high', assigneeIds: i % 2 ? [b.id, a.id] : [], labelIds: i === 3 ? [label.json().id] : [], dueAt: i === 1 ? '2026-12-24' : null, fields: i === 2 ? { [stage.id]: stage.options[0].id, [note.id]: 'not on the card' } : {} }));
    }
    const trashed = await buildItem(t, a, s.id, { title: 'Gone' });
    expect((await call(t, a, 'DELETE', `${api}/items/${trashed.id}`)).statusCode).toBe(200);
    // Homed in from another readable space: on the board too, as in the list.
    const visitor = await buildItem(t, a, other.id, { title: 'Visitor' });
    expect((await call(t, a, 'PATCH', `${api}/items/${visitor.id}`, { alsoInSpaceIds: [s.id], version: visitor.version })).statusCode).toBe(200);

    const res = await call(t, b, 'GET', `${api}/spaces/${s.id}/board`);
    expect(res.statusCode).toBe(200);
    const board = res.json();
    const list = (await call(t, b, 'GET', `${api}/spaces/${s.id}/items?limit=200`)).json().data as Item[];
    expect(list).toHaveLength(8);
    expect(board.truncated).toBe(false);
    expect(board.statuses.map((x: { id: string }) => x.id)).toEqual(s.statuses.map((x) => x.id));
    expect(board.items).toEqual(
      list.map((it) => ({
        id: it.id,
        key: it.key,
        title: it.title,
        type: it.type,
        statusId: it.statusId,
        position: it.position,
        priority: it.priority,
        assigneeIds: it.assigneeIds,
        labelIds: it.labelIds,
        dueAt: it.dueAt,
        spaceId: it.spaceId,
        version: it.version,
        fields: it.id === items[2].id ? { [stage.id]: stage.options[0].id } : {},
      })),
    );
    expect(list.find((it) => it.id === items[2].id)?.fields).toEqual({ [stage.id]: stage.options[0].id, [note.id]: 'not on the card' });
    expect(board.items.map((c: { id: string }) => c.id)).not.toContain(trashed.id);
    expect(board.items.find((c: { id: string }) => c.id === items[1].id)).toMatchObject({ assigneeIds: [a.id, b.id].sort(), dueAt: '2026-12-24', priority: 'high' });
  });

  it('answers 404 to whoever cannot read the space, and 401 anonymously', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const s = await buildSpace(t, a, ws.id, { key: 'PRV', visibility: 'members' });
    const outsider = await buildUser(t);
    const member = await buildMember(t, ws.id, 'member');
    expect((await call(t, outsider, 'GET', `${api}/spaces/${s.id}/board`)).statusCode).toBe(404);
    expect((await call(t, member, 'GET', `${api}/spaces/${s.id}/board`)).statusCode).toBe(404);
    expect((await call(t, null, 'GET', `${api}/spaces/${s.id}/board`)).statusCode).toBe(401);
    expect((await call(t, a, 'GET', `${api}/spaces/${s.id}/board`)).json()).toMatchObject({ spaceId: s.id, items: [], truncated: false });
  });
});
