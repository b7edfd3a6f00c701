// The space views beyond board and list (issue 5) in real Chromium against the real server: the
// table (sort, resize, inline edit that persists, 5,000 virtualized rows), the calendar (items on
// their due day in the viewer's time zone, drag to reschedule), the timeline (bars, a dependency
// arrow, drag to move), board swimlanes, the visual filter builder and saved views.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { holdableStream, itemPatched, launchBrowser, okInPage, screenshot, signUpInUi, startServer, } from './helpers.mjs';

let server;
let browser;
let context;
let page;
const pageErrors = [];
const s = {};

// Days of the current month in the viewer's zone (Kiritimati, UTC+14: the calendar opens on its
// today), which exist in every month and sit inside its grid.
const MONTH = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Kiritimati', year: 'numeric', month: '2-digit' }).format(new Date());
const day = (n) => `${MONTH}-${String(n).padStart(2, '0')}`;

/** The tab's live stream, through a proxy that can hold its messages back (helpers.mjs). */
let stream;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  stream = await holdableStream(context);
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => pageErrors.push(String(e)));
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

/** A same-origin API call from inside the page that must succeed (helpers.mjs). */
const ok = (method, path, body) => okInPage(page, method, path, body);

const spaceUrl = (view, extra = '') => `${server.url}/w/${s.ws}/s/${s.space.id}?view=${view}${extra}`;

/** A real pointer drag from the centre of `from` to (x, y), in steps (dnd-kit needs moves past its activation distance). */
async function dragTo(from, x, y) {
  const a = await from.boundingBox();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 8, a.y + a.height / 2 + 4, { steps: 3 });
  await page.mouse.move(x, y, { steps: 12 });
  await page.mouse.move(x + 1, y + 1, { steps: 2 });
  await page.mouse.up();
}

describe('space views', () => {
  test('set up: a user in Pacific/Kiritimati (UTC+14), a workspace, a space and items', { timeout: 60_000 }, async (t) => {
    try {
      await signUpInUi(page, server.url, 'Ada Lovelace');
      await ok('PATCH', '/me', { timeZone: 'Pacific/Kiritimati' });
      const ws = await ok('POST', '/workspaces', { name: 'Engine' });
      s.ws = ws.id;
      s.me = (await ok('GET', '/me')).id;
      s.space = await ok('POST', `/workspaces/${s.ws}/spaces`, { key: 'ENG', name: 'Analytical Engine' });
      s.status = Object.fromEntries(s.space.statuses.map((x) => [x.name, x.id]));
      const items = [
        { title: 'Charlie gears', priority: 'low', dueAt: day(10), assigneeIds: [s.me] },
        { title: 'Alpha punch cards', priority: 'high', startAt: day(5), dueAt: day(8) },
        { title: 'Bravo mill', priority: 'urgent', startAt: day(12), dueAt: day(14) },
        // 15:00 UTC on the 12th is already the 13th in Kiritimati.
        { title: 'Delta store', priority: 'medium', dueAt: `${day(12)}T15:00:00Z` },
        { title: 'Echo notes', priority: 'none' },
      ];
      const made = (await ok('POST', `/spaces/${s.space.id}/items/batch`, { items })).data;
      s.items = Object.fromEntries(made.map((i) => [i.title.split(' ')[0], i]));
      await ok('POST', `/items/${s.items.Alpha.id}/links`, { kind: 'blocks', itemId: s.items.Bravo.id });
    } catch (e) {
      t.diagnostic(`server output:\n${server.output()}`);
      throw e;
    }
  });

  test('table: every field a column, sort by a header, resize a column, edit a title in place (kept after a reload)', { timeout: 60_000 }, async () => {
    await page.goto(spaceUrl('table'));
    const grid = page.getByRole('grid', { name: 'Items' });
    await grid.getByText('Echo notes').waitFor();
    const headers = await grid.getByRole('columnheader').allTextContents();
    for (const h of ['Key', 'Title', 'Status', 'Priority', 'Assignees', 'Owner', 'Labels', 'Start', 'Due', 'Estimate']) assert.ok(headers.some((x) => x.startsWith(h)), `${h} column`);
    assert.equal(await grid.getAttribute('aria-rowcount'), '6');

    const titleHeader = grid.getByRole('columnheader', { name: /^Title/ });
    const titles = () => grid.locator('[role="row"][data-key] .cell-title').allTextContents();
    await titleHeader.getByRole('button').click();
    assert.equal(await titleHeader.getAttribute('aria-sort'), 'ascending');
    assert.deepEqual(await titles(), ['Alpha punch cards', 'Bravo mill', 'Charlie gears', 'Delta store', 'Echo notes']);
    await titleHeader.getByRole('button').click();
    assert.equal(await titleHeader.getAttribute('aria-sort'), 'descending');
    assert.deepEqual(await titles(), ['Echo notes', 'Delta store', 'Charlie gears', 'Bravo mill', 'Alpha punch cards']);
    const prioHeader = grid.getByRole('columnheader', { name: /^Priority/ });
    await prioHeader.getByRole('button').click();
    assert.equal(await titleHeader.getAttribute('aria-sort'), 'none');
    assert.deepEqual(await titles(), ['Echo notes', 'Charlie gears', 'Delta store', 'Alpha punch cards', 'Bravo mill']);
    // The due column shows the day in the viewer's zone.
    assert.equal(await grid.getByLabel(`Due date of ${s.items.Delta.key}`).inputValue(), day(13));

    // Resize: drag the Title header's edge 80 px to the right; the width survives a reload.
    const before = (await titleHeader.boundingBox()).width;
    const handle = grid.getByRole('separator', { name: 'Resize Title' });
    const h = await handle.boundingBox();
    await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
    await page.mouse.down();
    await page.mouse.move(h.x + h.width / 2 + 80, h.y + h.height / 2, { steps: 8 });
    await page.mouse.up();
    assert.ok(Math.abs((await titleHeader.boundingBox()).width - (before + 80)) <= 2);

    // Inline edit of a title, shown at once and stored.
    await grid.getByRole('button', { name: 'Alpha punch cards' }).click();
    const input = grid.getByLabel(`Title of ${s.items.Alpha.key}`);
    await input.fill('Alpha punched cards');
    const saved = itemPatched(page);
    await input.press('Enter');
    await grid.getByRole('button', { name: 'Alpha punched cards' }).waitFor();
    assert.equal((await saved).status(), 200);
    // And the priority select.
    const prio = itemPatched(page);
    await grid.getByLabel(`Priority of ${s.items.Echo.key}`).selectOption('low');
    assert.equal((await prio).status(), 200);
    await screenshot(page, 'table');

    await page.reload();
    await grid.getByRole('button', { name: 'Alpha punched cards' }).waitFor();
    assert.equal(await grid.getByLabel(`Priority of ${s.items.Echo.key}`).inputValue(), 'low');
    assert.ok(Math.abs((await grid.getByRole('columnheader', { name: /^Title/ }).boundingBox()).width - (before + 80)) <= 2);
    assert.equal((await ok('GET', `/items/${s.items.Alpha.key}`)).title, 'Alpha punched cards');
  });

  test('table: an edit the server refuses (409) is undone, shows the current values and can be reapplied', { timeout: 60_000 }, async () => {
    const cur = await ok('POST', `/spaces/${s.space.id}/items`, { title: 'Foxtrot draft', priority: 'low' });
    const key = cur.key;
    await page.reload();
    const grid = page.getByRole('grid', { name: 'Items' });
    await grid.getByRole('button', { name: 'Foxtrot draft' }).waitFor();
    // Someone else renames it first and our edit, made before their event arrives, carries a stale version.
    stream.hold();
    await ok('PATCH', `/items/${key}`, { version: cur.version, title: 'Foxtrot changed elsewhere' });
    await grid.getByRole('button', { name: 'Foxtrot draft' }).click();
    await grid.getByLabel(`Title of ${key}`).fill('Foxtrot mine');
    await grid.getByLabel(`Title of ${key}`).press('Enter');
    const alert = page.getByRole('alert').filter({ hasText: 'someone changed this first' });
    await alert.waitFor();
    assert.match(await alert.textContent(), /Title: “Foxtrot changed elsewhere”/);
    await grid.getByRole('button', { name: 'Foxtrot changed elsewhere' }).waitFor();
    await alert.getByRole('button', { name: 'Reapply my change' }).click();
    await grid.getByRole('button', { name: 'Foxtrot mine' }).waitFor();
    await page.waitForFunction(async (k) => (await (await fetch(`/api/v1/items/${k}`)).json()).title === 'Foxtrot mine', key);
    stream.release();
  });

  test('calendar: items on their due day in the viewer zone; drag a chip to another day (kept after a reload)', { timeout: 60_000 }, async () => {
    await page.goto(spaceUrl('calendar'));
    const grid = page.getByRole('grid');
    const cell = (d) => grid.locator(`td[data-day="${d}"]`);
    await cell(day(10)).getByText('Charlie gears').waitFor();
    await cell(day(13)).getByText('Delta store').waitFor();
    assert.equal(await cell(day(12)).getByText('Delta store').count(), 0);

    const target = await cell(day(17)).boundingBox();
    const saved = itemPatched(page);
    await dragTo(cell(day(10)).locator('.chip', { hasText: 'Charlie gears' }), target.x + target.width / 2, target.y + target.height / 2);
    await cell(day(17)).getByText('Charlie gears').waitFor();
    assert.equal((await saved).status(), 200);

    // Keyboard: Alt+ArrowRight moves the timed deadline a day later, at the same local time.
    const timed = itemPatched(page);
    await cell(day(13)).getByRole('link', { name: /Delta store/ }).focus();
    await page.keyboard.press('Alt+ArrowRight');
    await cell(day(14)).getByText('Delta store').waitFor();
    assert.equal((await timed).status(), 200);
    assert.equal((await ok('GET', `/items/${s.items.Delta.key}`)).dueAt.slice(0, 19), `${day(13)}T15:00:00`);

    await page.reload();
    await cell(day(17)).getByText('Charlie gears').waitFor();
    assert.equal(await cell(day(10)).getByText('Charlie gears').count(), 0);
    assert.equal((await ok('GET', `/items/${s.items.Charlie.key}`)).dueAt, day(17));
    await screenshot(page, 'calendar');
    // Navigation: next month and back with the buttons, today from anywhere.
    const title = await page.locator('.calendar-title').textContent();
    await page.getByRole('button', { name: 'Next month' }).click();
    assert.notEqual(await page.locator('.calendar-title').textContent(), title);
    await page.getByRole('button', { name: 'Today' }).click();
    assert.equal(await page.locator('.calendar-title').textContent(), title);
  });

  test('timeline: bars from start to due, a dependency arrow, drag a bar to move both dates (kept after a reload)', { timeout: 60_000 }, async () => {
    await page.goto(spaceUrl('timeline'));
    const bar = (k) => page.locator(`.bar[data-key="${k}"]`);
    const { Alpha, Bravo } = s.items;
    await bar(Bravo.key).waitFor();
    // Alpha runs 4 days (5th to 8th), Bravo 3 (12th to 14th): 28 px a day.
    assert.equal(Math.round((await bar(Alpha.key).boundingBox()).width), 4 * 28);
    assert.equal(Math.round((await bar(Bravo.key).boundingBox()).width), 3 * 28);
    const arrow = page.locator(`path.tl-arrow[data-from="${Alpha.key}"][data-to="${Bravo.key}"]`);
    assert.equal(await arrow.count(), 1);
    await page.getByRole('complementary', { name: 'Items without dates' }).getByText('Echo notes').waitFor();
    await screenshot(page, 'timeline');

    const b = await bar(Bravo.key).boundingBox();
    const saved = itemPatched(page);
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width / 2 + 2 * 28, b.y + b.height / 2, { steps: 10 });
    await page.mouse.up();
    assert.equal((await saved).status(), 200);
    await page.reload();
    await bar(Bravo.key).waitFor();
    const stored = await ok('GET', `/items/${Bravo.key}`);
    assert.equal(stored.startAt, day(14));
    assert.equal(stored.dueAt, day(16));
    assert.equal(Math.round((await bar(Bravo.key).boundingBox()).x - b.x), 2 * 28);

    // Resize from the keyboard: Shift+ArrowRight makes the due date a day later.
    const resized = itemPatched(page);
    await bar(Bravo.key).focus();
    await page.keyboard.press('Shift+ArrowRight');
    assert.equal((await resized).status(), 200);
    assert.equal((await ok('GET', `/items/${Bravo.key}`)).dueAt, day(17));
  });

  test('board swimlanes: grouped by priority', { timeout: 60_000 }, async () => {
    await page.goto(spaceUrl('board'));
    await page.getByLabel('Swimlanes').selectOption('priority');
    const lane = (name) => page.getByRole('region', { name: `Lane ${name}` });
    await lane('Urgent').getByText('Bravo mill').waitFor();
    await lane('High').getByText('Alpha punched cards').waitFor();
    await lane('Low').getByText('Charlie gears').waitFor();
    await lane('Low').getByText('Echo notes').waitFor();
    await lane('Low').getByText('Foxtrot mine').waitFor();
    assert.deepEqual(await page.locator('.lane .lane-title').evaluateAll((els) => els.map((e) => e.firstChild.textContent.trim())), ['Urgent', 'High', 'Medium', 'Low']);
    await screenshot(page, 'board-swimlanes');
    await page.getByLabel('Swimlanes').selectOption('assignee');
    await page.getByRole('region', { name: 'Lane Ada Lovelace' }).getByText('Charlie gears').waitFor();
    await page.getByRole('region', { name: 'Lane No assignee' }).getByText('Bravo mill').waitFor();
    await page.getByLabel('Swimlanes').selectOption('none');
  });

  test('filter builder writes the query; a saved view lists in the sidebar and reopens with its query and layout', { timeout: 60_000 }, async () => {
    await page.goto(spaceUrl('table'));
    await page.getByRole('button', { name: 'Filters' }).click();
    const builder = page.getByRole('region', { name: 'Filter builder' });
    await builder.getByLabel('Field of filter 1').selectOption('priority');
    await builder.getByLabel('Operator of filter 1').selectOption('>=');
    await builder.getByLabel('Value of filter 1').selectOption('high');
    await builder.getByRole('button', { name: '+ Add filter' }).click();
    await builder.getByLabel('Field of filter 2').selectOption('status');
    await builder.getByLabel('Operator of filter 2').selectOption('not');
    await builder.getByLabel('Value of filter 2').selectOption('Done');
    await builder.getByRole('button', { name: '+ Add filter' }).click();
    await builder.getByLabel('Field of filter 3').selectOption('due');
    await builder.getByLabel('Operator of filter 3').selectOption('<');
    await builder.getByLabel('Date of filter 3').fill('2099-12-01');
    const expected = 'priority:>=high -status:Done due:<2099-12-01';
    assert.equal(await page.getByLabel('Filter (query language)').inputValue(), expected);
    await screenshot(page, 'filter-builder');
    await builder.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((u) => u.searchParams.get('q') === expected);
    const grid = page.getByRole('grid', { name: 'Items' });
    await page.waitForFunction(() => document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') === '3');
    assert.deepEqual((await grid.locator('[role="row"][data-key] .cell-title').allTextContents()).sort(), ['Alpha punched cards', 'Bravo mill']);

    await page.getByRole('button', { name: 'Save view' }).click();
    const dlg = page.getByRole('dialog', { name: 'Save view' });
    await dlg.getByLabel('View name').fill('Hot items');
    await dlg.getByLabel('Shared with the space').check();
    await dlg.getByRole('button', { name: 'Save view' }).click();
    await dlg.waitFor({ state: 'detached' });
    const link = page.getByRole('list', { name: 'Saved views' }).getByRole('link', { name: 'Hot items' });
    await link.waitFor();
    const views = (await ok('GET', `/workspaces/${s.ws}/views`)).data;
    assert.deepEqual(
      views.map((v) => [v.name, v.query, v.layout, v.shared, v.spaceId]),
      [['Hot items', expected, 'table', true, s.space.id]],
    );

    await page.goto(spaceUrl('board'));
    await page.getByRole('region', { name: 'Board' }).waitFor();
    assert.equal(await page.getByLabel('Filter (query language)').inputValue(), '');
    await link.click();
    await page.waitForURL((u) => u.searchParams.get('view') === 'table' && u.searchParams.get('q') === expected);
    assert.equal(await page.getByLabel('Filter (query language)').inputValue(), expected);
    await page.waitForFunction(() => document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') === '3');

    // The board honours the filter too.
    await page.getByRole('navigation', { name: 'Layout' }).getByRole('link', { name: 'Board' }).click();
    await page.locator('.card-slot', { hasText: 'Bravo mill' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.card-slot').length === 2);
    assert.deepEqual(pageErrors, []);
  });

  test('phone width: the table and the calendar scroll sideways instead of squeezing', { timeout: 60_000 }, async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    try {
      await page.goto(spaceUrl('table'));
      await page.getByRole('grid', { name: 'Items' }).getByText('Echo notes').waitFor();
      assert.ok(await page.locator('.table-scroll').evaluate((e) => e.scrollWidth > e.clientWidth + 100));
      await page.goto(spaceUrl('calendar'));
      await page.getByRole('grid').locator(`td[data-day="${day(17)}"]`).getByText('Charlie gears').waitFor();
      assert.ok(await page.locator('.calendar-scroll').evaluate((e) => e.scrollWidth > e.clientWidth));
    } finally {
      await page.setViewportSize({ width: 1400, height: 900 });
    }
  });

  test('a 5,000-row table streams its pages and keeps only the visible rows in the DOM', { timeout: 180_000 }, async () => {
    const big = await ok('POST', `/workspaces/${s.ws}/spaces`, { key: 'BIG', name: 'Big table' });
    for (let i = 0; i < 5; i++) {
      const items = Array.from({ length: 1000 }, (_, j) => ({ title: `Row ${String(i * 1000 + j).padStart(4, '0')}` }));
      await ok('POST', `/spaces/${big.id}/items/batch?return=minimal`, { items });
    }
    await page.goto(`${server.url}/w/${s.ws}/s/${big.id}?view=table`);
    const grid = page.getByRole('grid', { name: 'Items' });
    await page.waitForFunction(() => document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') === '5001', null, { timeout: 120_000 });
    const rows = await grid.locator('[role="row"][data-key]').count();
    assert.ok(rows > 0 && rows < 60, `${rows} rows in the DOM`);
    // Sorting 5,000 rows by title descending puts the last one first.
    await grid.getByRole('columnheader', { name: /^Title/ }).getByRole('button').click();
    await grid.getByRole('columnheader', { name: /^Title/ }).getByRole('button').click();
    await grid.locator('[role="row"][aria-rowindex="2"]', { hasText: 'Row 4999' }).waitFor();
    await page.locator('.table-scroll').evaluate((el) => {
      el.scrollTop = 40 * 4000;
    });
    await grid.getByText('Row 0995', { exact: true }).waitFor();
    assert.ok((await grid.locator('[role="row"][data-key]').count()) < 60);
  });
});
