// Live everywhere (issue 6) in real Chromium: two people on the same board in two browser
// contexts; a card one of them moves slides to its new column on the other's screen with no
// reload, the other's open item panel shows the new title, and each sees who else is on the item.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openPeople, screenshot } from './helpers.mjs';

const PASSWORD = 'correct horse battery';
let server;
let person;

openPeople({ holdStream: true, timeout: 15_000, password: PASSWORD }, (h) => {
  ({ server, person } = h);
});

describe('live updates between two people', () => {
  test('a card moved by one person moves on the other person’s board, without a reload', { timeout: 90_000 }, async () => {
    const ana = await person('Ana');
    const ws = await ana.api('POST', '/workspaces', { name: 'Live Lab' });
    const space = await ana.api('POST', `/workspaces/${ws.id}/spaces`, { name: 'Ops', key: 'OPS', kind: 'stream' });
    const todo = space.statuses.find((s) => s.category === 'todo');
    const doing = space.statuses.find((s) => s.category === 'in_progress');
    const card = await ana.api('POST', `/spaces/${space.id}/items`, { title: 'Rotate the keys', statusId: todo.id });
    const invite = await ana.api('POST', `/workspaces/${ws.id}/invites`, { role: 'member' });
    const ben = await person('Ben', { inviteToken: invite.token });

    const boardUrl = `/w/${ws.id}/s/${space.id}?view=board`;
    await ben.page.goto(server.url + boardUrl);
    await ben.page.locator('html[data-stream="live"]').waitFor({ state: 'attached' });
    const column = (name) => ben.page.locator(`section.column[data-status="${name}"]`);
    await column(todo.name).getByText('Rotate the keys').waitFor();
    const loads = [];
    ben.page.on('framenavigated', (f) => f === ben.page.mainFrame() && loads.push(f.url()));

    // Ana moves the card (through the API, as her own board does after a drop).
    await ana.api('POST', `/items/${card.id}/move`, { statusId: doing.id, version: card.version });
    await column(doing.name).getByText('Rotate the keys').waitFor();
    assert.equal(await column(todo.name).getByText('Rotate the keys').count(), 0);
    assert.deepEqual(loads, [], 'the board was not reloaded for the move');
    await screenshot(ben.page, 'live-board-other-person');

    // Ben's open item panel follows Ana's edit of the title.
    await ben.page.goto(`${server.url}${boardUrl}&item=${card.key}`);
    await ben.page.locator('html[data-stream="live"]').waitFor({ state: 'attached' });
    const current = await ana.api('GET', `/items/${card.id}`);
    await ana.api('PATCH', `/items/${card.id}`, { title: 'Rotate the keys today', version: current.version });
    await ben.page.waitForFunction(() => document.querySelector('aside .title-input')?.value === 'Rotate the keys today');

    // Presence: Ana opens the same item; Ben sees her, then sees her editing the description,
    // and she disappears when she leaves.
    const also = ben.page.getByRole('list', { name: 'Also here' });
    await ana.page.goto(`${server.url}/items/${card.key}`);
    await also.getByText('Ana is viewing').waitFor();
    await ana.page.getByRole('button', { name: 'Edit description' }).click();
    await ben.page.getByText('Ana is editing the description').waitFor();
    await screenshot(ben.page, 'live-presence');
    await ana.page.goto(`${server.url}/w/${ws.id}`);
    await also.waitFor({ state: 'detached' });

    // The sync indicator never says "saved" before the server answered: Ben's edit is held back
    // on its way out, and released.
    let letGo;
    const gate = new Promise((r) => {
      letGo = r;
    });
    await ben.page.route(`**/api/v1/items/${card.id}`, async (route) => {
      if (route.request().method() !== 'PATCH') return route.continue();
      await gate;
      return route.continue();
    });
    const title = ben.page.locator('aside .title-input');
    await title.fill('Rotate the keys now');
    await title.press('Enter');
    const sync = ben.page.locator('header .sync');
    await sync.getByText('Saving…').waitFor();
    assert.equal(await ben.page.getByText('All changes saved').count(), 0);
    letGo();
    await sync.getByText('All changes saved').waitFor();
    assert.equal((await ana.api('GET', `/items/${card.id}`)).title, 'Rotate the keys now');

    // A conflict between the two: Ana changes the priority in her panel while Ben's tab has not
    // heard of it yet; Ben's edit is refused and shows Ana's change, and he can reapply his.
    await ana.page.goto(`${server.url}/items/${card.key}`);
    ben.stream.hold();
    await ana.page.getByLabel('Priority').selectOption('urgent');
    await ana.page.locator('header .sync').getByText('All changes saved').waitFor();
    await title.fill('Rotate the keys, Ben');
    await title.press('Enter');
    const alert = ben.page.getByRole('alert').filter({ hasText: 'someone changed this first' });
    await alert.waitFor();
    assert.match(await alert.textContent(), /Priority: urgent/);
    await screenshot(ben.page, 'live-conflict');
    await alert.getByRole('button', { name: 'Reapply my change' }).click();
    await ben.page.waitForFunction(async (id) => (await (await fetch(`/api/v1/items/${id}`)).json()).title === 'Rotate the keys, Ben', card.id);
    ben.stream.release();
    const final = await ana.api('GET', `/items/${card.id}`);
    assert.equal(final.priority, 'urgent');
    assert.equal(final.title, 'Rotate the keys, Ben');
  });
});
