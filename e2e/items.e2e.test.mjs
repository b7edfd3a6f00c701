// Items in real Chromium against the real server (issue 5): quick-add syntax, the item panel's
// fields, custom fields, subitems and dependencies, @mention autocomplete in comments, multi-select
// and bulk changes in the list, the profile's time zone, the home's "since you last looked" and a
// project's overview.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, okInPage, screenshot, signUpInUi, startServer, uniqueEmail } from './helpers.mjs';

const PASSWORD = 'correct horse battery';
// UTC+14: "today" there is a day ahead of UTC for most of the day, so a zone mix-up shows.
const ZONE = 'Pacific/Kiritimati';
let server;
let browser;
let context;
let page;
const pageErrors = [];
const s = {};

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => pageErrors.push(String(e)));
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

/** A same-origin API call from inside the page, with its session cookie. */
const api = (method, path, body) => okInPage(page, method, path, body);

/** The next Friday strictly after today in a time zone, as YYYY-MM-DD. */
function nextFriday(timeZone) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + (((5 - d.getUTCDay() + 6) % 7) + 1));
  return d.toISOString().slice(0, 10);
}

const panel = () => page.getByRole('complementary', { name: 'Item panel' });

describe('items', () => {
  test('set-up: a workspace with a teammate, a label, a project space and custom fields', { timeout: 60_000 }, async (t) => {
    try {
      await signUpInUi(page, server.url, 'Grace Hopper', { password: PASSWORD });
      s.me = await api('PATCH', '/me', { timeZone: ZONE });
      s.ws = await api('POST', '/workspaces', { name: 'Navy Lab' });
      const invite = await api('POST', `/workspaces/${s.ws.id}/invites`, {});
      const ana = await fetch(`${server.url}/api/v1/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({ email: uniqueEmail('ana'), name: 'Ana Lopez', password: PASSWORD, inviteToken: invite.token }),
      });
      const body = await ana.text();
      assert.equal(ana.status, 201, body);
      s.ana = JSON.parse(body);
      s.bug = await api('POST', `/workspaces/${s.ws.id}/labels`, { name: 'Bug' });
      s.space = await api('POST', `/workspaces/${s.ws.id}/spaces`, { key: 'CMP', name: 'Compilers', kind: 'project', goal: 'Ship the A-0 compiler', leadId: s.me.id });
      s.tier = await api('POST', `/workspaces/${s.ws.id}/fields`, { name: 'Tier', type: 'select', spaceId: s.space.id, options: [{ name: 'Gold' }, { name: 'Silver' }] });
      s.points = await api('POST', `/workspaces/${s.ws.id}/fields`, { name: 'Points', type: 'number', spaceId: s.space.id });
      s.other = await api('POST', `/spaces/${s.space.id}/items`, { title: 'Find the moth' });
      s.third = await api('POST', `/spaces/${s.space.id}/items`, { title: 'Teach COBOL' });
    } catch (e) {
      t.diagnostic(`server output:\n${server.output()}`);
      throw e;
    }
  });

  test('quick add: inline syntax sets label, assignee, priority and due date; unknowns stay as warnings', { timeout: 60_000 }, async () => {
    await page.goto(`${server.url}/w/${s.ws.id}/s/${s.space.id}?view=list`);
    await page.getByRole('heading', { name: /CMP\s+Compilers/ }).waitFor();
    await page.locator('body').press('c');
    const dialog = page.getByRole('dialog', { name: 'New item' });
    await dialog.waitFor().catch(async (e) => {
      await screenshot(page, 'debug-quick-add');
      throw new Error(`${e.message}\npage errors: ${pageErrors.join('\n')}`);
    });
    const title = dialog.getByLabel('Title');
    const chips = dialog.getByRole('list', { name: 'Recognized syntax' });
    await title.fill('Fix login #nolabel');
    await chips.locator('[data-kind="warning"]').filter({ hasText: '#nolabel' }).waitFor();
    await title.fill('Fix login #bug @ana !high due:fri');
    await chips.getByText('Label: Bug').waitFor();
    await chips.getByText('Assignee: Ana Lopez').waitFor();
    await chips.getByText('Priority: high').waitFor();
    const due = nextFriday(ZONE);
    await chips.getByText(`(${due})`).waitFor();
    assert.equal(await chips.locator('[data-kind="warning"]').count(), 0);
    await screenshot(page, 'quick-add');
    const created = page.waitForResponse((r) => r.url().endsWith(`/spaces/${s.space.id}/items`) && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Create item' }).click();
    const item = await (await created).json();
    assert.equal(item.title, 'Fix login');
    assert.deepEqual(item.labelIds, [s.bug.id]);
    assert.deepEqual(item.assigneeIds, [s.ana.id]);
    assert.equal(item.priority, 'high');
    assert.equal(item.dueAt.slice(0, 10), due);
    s.item = item;
    await page.getByRole('list', { name: 'Items' }).getByText('Fix login').waitFor();
  });

  test('the panel edits a custom field, adds a subitem and a dependency; a cycle shows the server’s refusal', { timeout: 60_000 }, async () => {
    await page.goto(`${server.url}/w/${s.ws.id}/s/${s.space.id}?view=list&item=${s.item.key}`);
    const p = panel();
    await p.getByLabel('Title', { exact: true }).waitFor();
    // Built-in fields: owner and estimate.
    await p.getByLabel('Owner').selectOption({ label: 'Ana Lopez' });
    await p.getByLabel('Estimate').fill('5');
    await p.getByLabel('Estimate').press('Enter');
    // Custom fields, typed editors.
    await p.getByLabel('Tier').selectOption({ label: 'Gold' });
    await p.getByLabel('Points').fill('8');
    await p.getByLabel('Points').press('Enter');
    const gold = s.tier.options.find((o) => o.name === 'Gold').id;
    await page.waitForFunction(
      async ([k, tier, points, g]) => {
        const i = await (await fetch(`/api/v1/items/${k}`)).json();
        return i.fields[tier] === g && i.fields[points] === 8 && i.estimate === 5 && i.ownerId !== null;
      },
      [s.item.key, s.tier.id, s.points.id, gold],
    );
    // Subitem, inline.
    await p.getByLabel('New subitem').fill('Write the tests');
    await p.getByRole('button', { name: 'Add subitem' }).click();
    await p.getByRole('list', { name: 'Subitems' }).getByText('Write the tests').waitFor();
    const kids = await api('GET', `/workspaces/${s.ws.id}/items?q=${encodeURIComponent(`parent:${s.item.key}`)}`);
    assert.deepEqual(
      kids.data.map((i) => i.title),
      ['Write the tests'],
    );
    // Dependency by key: this item blocks "Find the moth".
    await p.getByLabel('Link kind').selectOption('blocks');
    await p.getByLabel('Item to link').fill(s.other.key);
    await p.getByRole('button', { name: `Link ${s.other.key}` }).click();
    await p.getByRole('list', { name: 'Dependencies' }).getByText('Find the moth').waitFor();
    const linked = await api('GET', `/items/${s.item.key}`);
    assert.deepEqual(
      linked.links.map((l) => [l.kind, l.itemKey]),
      [['blocks', s.other.key]],
    );
    // The reverse would close a loop: the server refuses and its message is shown.
    await p.getByLabel('Link kind').selectOption('blocked_by');
    await p.getByLabel('Item to link').fill(s.other.key);
    await p.getByRole('button', { name: `Link ${s.other.key}` }).click();
    await p.getByRole('alert').filter({ hasText: `${s.other.key} cannot block ${s.item.key}` }).waitFor();
    await p.getByRole('heading', { name: 'Attachments' }).waitFor();
    await p.getByText('Files arrive with the docs issue').waitFor();
    await p.evaluate((el) => {
      el.scrollTop = 0;
    });
    await screenshot(page, 'item-panel');
  });

  test('a comment with an @mention chosen from the autocomplete reaches the server as a mention', { timeout: 60_000 }, async () => {
    const p = panel();
    const box = p.getByRole('textbox', { name: 'Comment' });
    await box.click();
    await page.keyboard.type('Thanks @an');
    const list = p.getByRole('listbox', { name: 'Mention someone' });
    await list.getByRole('option', { name: /Ana Lopez/ }).waitFor();
    await page.keyboard.press('Enter');
    await list.waitFor({ state: 'detached' });
    await page.keyboard.type('for the review');
    assert.equal(await box.inputValue(), 'Thanks @"Ana Lopez" for the review');
    await p.getByRole('button', { name: 'Add comment' }).click();
    await p.getByRole('list', { name: 'Comments' }).getByText('Mentioned: Ana Lopez').waitFor();
    const comments = await api('GET', `/items/${s.item.key}/comments`);
    assert.deepEqual(comments.data.at(-1).mentionIds, [s.ana.id]);
  });

  test('list: x selects two rows, the bulk bar sets their priority; e focuses the title in the panel', { timeout: 60_000 }, async () => {
    await page.goto(`${server.url}/w/${s.ws.id}/s/${s.space.id}?view=list`);
    const list = page.getByRole('list', { name: 'Items' });
    await list.getByText('Teach COBOL').waitFor();
    await page.locator('body').press('j');
    await page.waitForURL(/item=CMP-/);
    const first = new URL(page.url()).searchParams.get('item');
    await page.locator('body').press('x');
    await page.locator('body').press('j');
    await page.waitForURL((u) => u.searchParams.get('item') !== first);
    const second = new URL(page.url()).searchParams.get('item');
    await page.locator('body').press('x');
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await bar.getByText('2 selected').waitFor();
    const bulk = page.waitForResponse((r) => r.url().endsWith(`/workspaces/${s.ws.id}/items/bulk`));
    await bar.getByLabel('Set priority').selectOption('urgent');
    // Optimistic: the rows show it before the answer; the answer is a success.
    await list.locator(`[data-item-key="${first}"] .pill`, { hasText: 'urgent' }).waitFor();
    assert.equal((await bulk).status(), 200);
    for (const key of [first, second]) assert.equal((await api('GET', `/items/${key}`)).priority, 'urgent');
    await screenshot(page, 'bulk');
    // Shift-click selects a range: from the last checked row to the clicked one.
    await bar.getByRole('button', { name: 'Clear selection' }).click();
    await bar.waitFor({ state: 'detached' });
    await list.getByLabel(`Select ${s.other.key}`).click();
    const rows = await list.locator('.list-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-item-key')));
    const last = rows.at(-1) === s.other.key ? rows[0] : rows.at(-1);
    await list.getByLabel(`Select ${last}`).click({ modifiers: ['Shift'] });
    const span = Math.abs(rows.indexOf(last) - rows.indexOf(s.other.key)) + 1;
    await bar.getByText(`${span} selected`).waitFor();
    await bar.getByRole('button', { name: 'Clear selection' }).click();
    // e: edit the focused item's title.
    await page.locator('body').press('e');
    await page.waitForFunction(() => document.activeElement?.classList.contains('title-input'));
    assert.equal(await panel().locator('.item-key').textContent(), second);
  });

  test('profile: the time zone change persists; the avatar shows initials', { timeout: 60_000 }, async () => {
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    await page.getByRole('img', { name: 'Avatar: GH' }).waitFor();
    assert.equal(await page.getByLabel('Time zone').inputValue(), ZONE);
    await page.getByLabel('Time zone').selectOption('Asia/Tokyo');
    await page.getByLabel('Name').fill('Grace B. Hopper');
    await page.getByRole('img', { name: 'Avatar: GH' }).waitFor();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('status').filter({ hasText: 'Profile saved' }).waitFor();
    await screenshot(page, 'profile');
    await page.reload();
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    assert.equal(await page.getByLabel('Time zone').inputValue(), 'Asia/Tokyo');
    const me = await api('GET', '/me');
    assert.equal(me.timeZone, 'Asia/Tokyo');
    assert.equal(me.name, 'Grace B. Hopper');
  });

  test('home: "since you last looked" lists what changed since the last visit, grouped by space', { timeout: 60_000 }, async () => {
    await page.goto(`${server.url}/w/${s.ws.id}`);
    const since = page.getByRole('region', { name: 'Since you last looked' });
    await since.getByText('This is your first visit here').waitFor();
    // A teammate's change after that visit.
    const anaApi = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: s.ana.email, password: PASSWORD }),
    });
    const cookie = anaApi.headers.getSetCookie().find((c) => c.startsWith('weft_session=')).split(';')[0];
    const cur = await api('GET', `/items/${s.third.key}`);
    const patched = await fetch(`${server.url}/api/v1/items/${s.third.key}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie, origin: server.url },
      body: JSON.stringify({ version: cur.version, title: 'Teach COBOL to the Navy' }),
    });
    assert.equal(patched.status, 200);
    await page.reload();
    const group = since.getByRole('list', { name: 'Changes in Compilers' });
    await group.getByText(s.third.key).waitFor();
    assert.match(await group.textContent(), /updated title.*by Ana Lopez/);
    // Seen now: the next visit starts from here.
    await page.reload();
    await since.getByText('Nothing changed.').waitFor();
  });

  test('project overview: goal, lead, progress by count and estimate, status history', { timeout: 60_000 }, async () => {
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Compilers overview' }).click();
    await page.getByRole('heading', { name: /Compilers · Overview/ }).waitFor();
    await page.getByText('Ship the A-0 compiler').waitFor();
    await page.getByRole('progressbar', { name: 'Items done' }).waitFor();
    await page.getByRole('progressbar', { name: 'Estimate done' }).waitFor();
    await page.getByLabel('Project status').selectOption('active');
    await page.getByRole('list', { name: 'Status history' }).locator('strong', { hasText: 'active' }).waitFor();
    assert.equal((await api('GET', `/spaces/${s.space.id}`)).projectStatus, 'active');
    assert.deepEqual(pageErrors, []);
  });
});
