// The issue 4 areas in the web app, in real Chromium against the real server: the routine editor
// (2nd Tuesday of the month, previewed in two zones), a public form submitted logged out and its
// status page, triage with an SLA badge, a check-in answered from its draft, and the workflow editor.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, okInPage, screenshot, signUpInUi, startServer, } from './helpers.mjs';

let server;
let browser;
let context;
let page;
const pageErrors = [];
const s = {};

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => pageErrors.push(String(e)));
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

/** A same-origin API call from inside the page, with its session cookie (set-up only; the flows under test use the UI). */
const api = (method, path, body) => okInPage(page, method, path, body);

const spacePath = (area) => `${server.url}/w/${s.ws}/s/${s.space}/${area}`;

describe('routines, intake, check-ins and space settings in the browser', () => {
  test('set-up: sign up in the UI, then a workspace and a space', { timeout: 60_000 }, async (t) => {
    try {
      await signUpInUi(page, server.url, 'Ada Lovelace');
      s.me = (await api('GET', '/me')).id;
      s.ws = (await api('POST', '/workspaces', { name: 'Analytical Engines' })).id;
      const space = await api('POST', `/workspaces/${s.ws}/spaces`, { key: 'OPS', name: 'Operations' });
      s.space = space.id;
      s.statuses = space.statuses;
    } catch (e) {
      t.diagnostic(`server output:\n${server.output()}`);
      throw e;
    }
  });

  test('routine editor: every 2nd Tuesday shows its RRULE and the next dates in both zones', { timeout: 60_000 }, async () => {
    await page.goto(`${server.url}/w/${s.ws}/s/${s.space}`);
    // The space header links to its areas.
    await page.getByRole('navigation', { name: 'Space areas' }).getByRole('link', { name: 'Routines' }).click();
    await page.getByRole('heading', { name: 'Routines', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New routine' }).click();
    const editor = page.getByRole('form', { name: 'Routine' });
    await editor.getByLabel('Routine name').fill('Team sync');
    await editor.getByLabel('Item title').fill('Sync {{date:MMMM}}');
    await editor.getByLabel('Unit').selectOption('MONTHLY');
    await editor.getByLabel('The', { exact: true }).check();
    await editor.getByLabel('Which week').selectOption('2');
    await editor.getByLabel('Weekday').selectOption('TU');
    await editor.getByLabel('Starting').fill('2030-01-01T09:00');
    await editor.getByLabel('Time zone').fill('Europe/Berlin');
    await editor.getByText('Every month on the 2nd Tuesday').waitFor();
    assert.equal(await editor.getByTestId('rrule').textContent(), 'FREQ=MONTHLY;BYDAY=2TU');
    await editor.getByRole('button', { name: 'Create routine' }).click();

    const preview = page.getByRole('region', { name: 'Next dates' });
    await preview.locator('tbody tr').first().waitFor();
    const header = await preview.locator('thead').textContent();
    assert.match(header, /Routine’s time \(Europe\/Berlin\)/);
    assert.match(header, /Your time \(UTC\)/);
    const rows = await preview.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
    assert.equal(rows.length, 6);
    assert.match(rows[0][0], /^Sync January/);
    for (const [, local, viewer] of rows) {
      const m = /^Tue (\d{4})-(\d{2})-(\d{2}) 09:00$/.exec(local);
      assert.ok(m, `not a Tuesday at 09:00: ${local}`);
      const day = Number(m[3]);
      assert.ok(day >= 8 && day <= 14, `not the 2nd Tuesday: ${local}`);
      // 09:00 in Berlin is 08:00 UTC in winter and 07:00 UTC in summer.
      assert.match(viewer, /^Tue \d{4}-\d{2}-\d{2} 0[78]:00$/);
    }
    // January to June 2030 crosses the switch to summer time (31 March): the viewer's times change, the routine's do not.
    assert.ok(rows.some(([, , v]) => v.endsWith('08:00')) && rows.some(([, , v]) => v.endsWith('07:00')), JSON.stringify(rows));
    await preview.scrollIntoViewIfNeeded();
    await screenshot(page, 'routine-editor');

    // Pause shows at once in the list and sticks after a reload.
    await page.getByRole('button', { name: 'Pause Team sync' }).click();
    await page.getByRole('button', { name: 'Resume Team sync' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Resume Team sync' }).waitFor();
    assert.deepEqual(pageErrors, []);
  });

  test('intake: build a public form, submit it logged out, see the status page; triage it as a member', { timeout: 90_000 }, async () => {
    // An SLA policy (24/7 calendar) so the request carries an SLA badge.
    const allDay = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '00:00', end: '24:00' }]]));
    const cal = await api('POST', `/workspaces/${s.ws}/calendars`, { name: 'Always', timeZone: 'UTC', hours: allDay });
    await api('POST', `/spaces/${s.space}/sla-policies`, { calendarId: cal.id, targets: { none: { firstResponseMinutes: 240, resolutionMinutes: 2400 } } });

    await page.goto(spacePath('intake'));
    await page.getByRole('button', { name: 'New form' }).click();
    await page.getByLabel('Form name').fill('IT help desk');
    await page.getByRole('button', { name: 'Add field' }).click();
    const third = page.getByRole('list', { name: 'Form fields' }).getByRole('listitem').nth(2);
    await third.getByLabel('Label').fill('Building');
    await third.getByLabel('Kind').selectOption('choice');
    await third.getByLabel('Options (one per line)').fill('North\nSouth');
    await third.getByLabel('Required').check();
    await page.getByRole('button', { name: 'Create form' }).click();
    const link = await page.getByLabel('Public link').inputValue();
    assert.match(link, /\/f\/[A-Za-z0-9_-]{16,}$/);

    // Logged out: a fresh browser context has no session.
    const anon = await browser.newContext();
    try {
      const p2 = await anon.newPage();
      p2.setDefaultTimeout(10_000);
      await p2.goto(link);
      await p2.getByRole('heading', { name: 'IT help desk' }).waitFor();
      assert.equal(await p2.getByText('Signed in as').count(), 0);
      await p2.getByLabel('Your email').fill('requester@example.test');
      await p2.getByLabel('Summary').fill('Printer on fire');
      await p2.getByLabel('Details').fill('Third floor, smells of toner.');
      await p2.getByLabel('Building').selectOption('North');
      await screenshot(p2, 'public-form');
      await p2.getByRole('button', { name: 'Submit request' }).click();
      await p2.getByRole('heading', { name: 'Your request' }).waitFor();
      assert.match(p2.url(), /\/requests\/REQ-[0-9A-Z]{16}$/);
      await p2.getByRole('status').filter({ hasText: 'waiting for the team' }).waitFor();
      await p2.getByRole('heading', { name: 'Printer on fire' }).waitFor();
      s.statusUrl = p2.url();

      // A member triages it: the SLA badge shows, accept takes it out of the queue, the item exists.
      await page.reload();
      const row = page.getByRole('list', { name: 'Requests list' }).getByRole('listitem').filter({ hasText: 'Printer on fire' });
      await row.getByText('SLA: On track').waitFor();
      await screenshot(page, 'triage');
      await row.getByRole('button', { name: 'Accept Printer on fire' }).click();
      await row.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Accepted' }).click();
      const accepted = page.getByRole('list', { name: 'Requests list' }).getByRole('listitem').filter({ hasText: 'Printer on fire' });
      await accepted.waitFor();
      await accepted.getByRole('link', { name: /^OPS-\d+$/ }).click();
      await page.locator('.title-input').first().waitFor();
      assert.equal(await page.locator('.title-input').first().inputValue(), 'Printer on fire');

      // The requester sees the decision.
      await p2.reload();
      await p2.getByRole('status').filter({ hasText: 'Accepted' }).waitFor();
    } finally {
      await anon.close();
    }
    assert.deepEqual(pageErrors, []);
  });

  test('check-in: answer with the draft prefilled and read it in the team view', { timeout: 60_000 }, async () => {
    // Something that moved for me: an item assigned to me, completed.
    const done = s.statuses.find((x) => x.category === 'done');
    await api('POST', `/spaces/${s.space}/items`, { title: 'Ship the difference engine', assigneeIds: [s.me], statusId: done.id });

    await page.goto(`${server.url}/w/${s.ws}`);
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Check-ins' }).click();
    await page.getByRole('button', { name: 'New check-in' }).click();
    const form = page.getByRole('form', { name: 'New check-in' });
    await form.getByLabel('Check-in name').fill('Weekly update');
    await form.getByRole('button', { name: 'Create check-in' }).click();
    await page.getByRole('heading', { name: 'Weekly update', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Ask now' }).click();

    const answer = page.getByLabel('Your answer (markdown)');
    await page.waitForFunction(() => document.querySelector('textarea')?.value.includes('Ship the difference engine'));
    const draft = await answer.inputValue();
    assert.match(draft, /Ship the difference engine/);
    await answer.fill(`${draft}\n\nAlso: wrote the first program.`);
    await page.getByRole('button', { name: 'Post answer' }).click();
    const mine = page.getByRole('article', { name: 'Answer by Ada Lovelace' });
    await mine.getByText('Also: wrote the first program.').waitFor();
    // The team view is the server's after a reload, not only the optimistic copy.
    await page.reload();
    await page.getByRole('article', { name: 'Answer by Ada Lovelace' }).getByText('Ship the difference engine').first().waitFor();
    await page.getByText(/Answered: Ada Lovelace/).waitFor();
    await screenshot(page, 'checkin');
    assert.deepEqual(pageErrors, []);
  });

  test('space settings: rename and reorder a status in the workflow editor', { timeout: 60_000 }, async () => {
    await page.goto(spacePath('settings'));
    const list = page.getByRole('list', { name: 'Statuses' });
    const names = () => list.getByRole('listitem').evaluateAll((lis) => lis.map((li) => li.querySelector('input').value));
    await list.getByRole('listitem').first().waitFor();
    const rename = page.getByLabel('Name of status In Review');
    await rename.fill('Checking');
    await rename.press('Enter');
    await page.getByLabel('Name of status Checking').waitFor();
    const reordered = page.waitForResponse((r) => r.url().endsWith('/statuses/order') && r.request().method() === 'PUT');
    await page.getByRole('button', { name: 'Move Checking up' }).click();
    // Optimistic: the new order shows before the answer; the answer is a success.
    assert.deepEqual(await names(), ['Backlog', 'Todo', 'Checking', 'In Progress', 'Done', 'Canceled']);
    assert.equal((await reordered).status(), 200);
    // Stored: the order and the name survive a reload.
    await page.reload();
    await list.getByRole('listitem').first().waitFor();
    assert.deepEqual(await names(), ['Backlog', 'Todo', 'Checking', 'In Progress', 'Done', 'Canceled']);
    await screenshot(page, 'space-settings');
    const stored = (await api('GET', `/spaces/${s.space}/statuses`)).data.map((x) => x.name);
    assert.deepEqual(stored, ['Backlog', 'Todo', 'Checking', 'In Progress', 'Done', 'Canceled']);
    assert.deepEqual(pageErrors, []);
  });
});
