// More of the areas in real Chromium against the real server: the routine editor's preview before
// saving (and that it is what the server then schedules), the timeline's zoom (kept in the URL) and
// drag to move / resize at different scales, and comments on check-in answers (post, edit, delete,
// a refused post rolled back, another person's comment arriving live).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openPeople } from './helpers.mjs';

const PASSWORD = 'correct horse battery';
const VIEWER_ZONE = 'America/New_York';

let person;
let pageErrors;
const s = {};

openPeople({ viewport: { width: 1400, height: 900 }, password: PASSWORD }, (h) => {
  ({ person, pageErrors } = h);
});

/** `YYYY-MM-DD` plus n days (calendar arithmetic, no zone). */
const plusDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const todayIn = (tz) => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

describe('routine preview, timeline zoom and drag, check-in comments', () => {
  test('set-up: Ada (viewer zone New York) with a workspace and a space; Ben invited', { timeout: 30_000 }, async () => {
    s.ada = await person('Ada Lovelace');
    await s.ada.api('PATCH', '/me', { timeZone: VIEWER_ZONE });
    s.adaId = (await s.ada.api('GET', '/me')).id;
    s.ws = (await s.ada.api('POST', '/workspaces', { name: 'Analytical Engines' })).id;
    s.space = (await s.ada.api('POST', `/workspaces/${s.ws}/spaces`, { key: 'OPS', name: 'Operations' })).id;
    const invite = await s.ada.api('POST', `/workspaces/${s.ws}/invites`, { role: 'member' });
    s.ben = await person('Ben Babbage', { inviteToken: invite.token });
    s.benId = (await s.ben.api('GET', '/me')).id;
  });

  test('routine editor: the next 5 dates show and follow the rule before saving, and are what the server schedules', { timeout: 30_000 }, async () => {
    const { page, api } = s.ada;
    await page.goto(`/w/${s.ws}/s/${s.space}/routines`);
    await page.getByRole('button', { name: 'New routine' }).click();
    const editor = page.getByRole('form', { name: 'Routine' });
    await editor.getByLabel('Routine name').fill('Weekly review');
    await editor.getByLabel('Item title').fill('Review {{date:D MMM}}');
    // Mondays at 09:00 in Berlin from 4 March 2030; Berlin moves to summer time on 31 March,
    // New York (the viewer) on 10 March.
    await editor.getByLabel('Starting').fill('2030-03-04T09:00');
    await editor.getByLabel('Time zone').fill('Europe/Berlin');
    const preview = page.getByRole('region', { name: 'Preview before saving' });
    const rows = () => preview.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('time').getAttribute('datetime'), ...[...tr.querySelectorAll('td')].map((td) => td.textContent.trim())]));
    const waitFirst = (text) => page.waitForFunction(([t]) => document.querySelector('[aria-label="Preview before saving"] tbody tr td:nth-child(2)')?.textContent.includes(t), [text]);
    await waitFirst('2030-03-04');
    assert.equal(await editor.getByTestId('rrule').textContent(), 'FREQ=WEEKLY;BYDAY=MO');
    assert.match(await preview.locator('thead').textContent(), /Routine’s time \(Europe\/Berlin\).*Your time \(America\/New_York\)/);
    let r = await rows();
    assert.deepEqual(
      r.map((x) => x[0]),
      ['2030-03-04T08:00:00.000Z', '2030-03-11T08:00:00.000Z', '2030-03-18T08:00:00.000Z', '2030-03-25T08:00:00.000Z', '2030-04-01T07:00:00.000Z'],
    );
    assert.deepEqual(
      r.map((x) => x[2]),
      ['Mon 2030-03-04 09:00', 'Mon 2030-03-11 09:00', 'Mon 2030-03-18 09:00', 'Mon 2030-03-25 09:00', 'Mon 2030-04-01 09:00'],
    );
    assert.deepEqual(
      r.map((x) => x[3]),
      ['Mon 2030-03-04 03:00', 'Mon 2030-03-11 04:00', 'Mon 2030-03-18 04:00', 'Mon 2030-03-25 04:00', 'Mon 2030-04-01 03:00'],
    );
    assert.equal(r[0][1], 'Review 4 Mar');

    // Add Thursday: the dates change at once, still unsaved.
    await editor.getByRole('button', { name: 'Thursday' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[aria-label="Preview before saving"] tbody tr')[1]?.textContent.includes('2030-03-07'));
    assert.equal(await editor.getByTestId('rrule').textContent(), 'FREQ=WEEKLY;BYDAY=MO,TH');
    assert.deepEqual(
      (await rows()).map((x) => x[2]),
      ['Mon 2030-03-04 09:00', 'Thu 2030-03-07 09:00', 'Mon 2030-03-11 09:00', 'Thu 2030-03-14 09:00', 'Mon 2030-03-18 09:00'],
    );
    // The 2nd Tuesday of each month.
    await editor.getByLabel('Unit').selectOption('MONTHLY');
    await editor.getByLabel('The', { exact: true }).check();
    await editor.getByLabel('Which week').selectOption('2');
    await editor.getByLabel('Weekday').selectOption('TU');
    await waitFirst('2030-03-12');
    assert.deepEqual(
      (await rows()).map((x) => x[2]),
      ['Tue 2030-03-12 09:00', 'Tue 2030-04-09 09:00', 'Tue 2030-05-14 09:00', 'Tue 2030-06-11 09:00', 'Tue 2030-07-09 09:00'],
    );
    // After completion has no fixed dates, and says so.
    await editor.getByLabel('After completion').check();
    await preview.getByTestId('completion-note').waitFor();
    assert.match(await preview.textContent(), /no fixed dates.*1 month after the previous one is completed/);
    assert.equal(await preview.locator('tbody tr').count(), 0);
    assert.match(await preview.locator('time').getAttribute('datetime'), /^2030-03-04T08:00:00.000Z$/);
    // Nothing was saved so far.
    assert.equal((await api('GET', `/spaces/${s.space}/routines`)).data.length, 0);

    // Back to a schedule, every other Thursday; save and compare with the server's schedule.
    await editor.getByLabel('On a schedule').check();
    await editor.getByLabel('Unit').selectOption('WEEKLY');
    await editor.getByLabel('Every', { exact: true }).fill('2');
    await editor.getByRole('button', { name: 'Monday' }).click(); // leaves Thursday
    await page.waitForFunction(() => document.querySelector('[data-testid="rrule"]')?.textContent === 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH');
    await waitFirst('2030-03-07');
    r = await rows();
    assert.deepEqual(
      r.map((x) => x[2]),
      ['Thu 2030-03-07 09:00', 'Thu 2030-03-21 09:00', 'Thu 2030-04-04 09:00', 'Thu 2030-04-18 09:00', 'Thu 2030-05-02 09:00'],
    );
    const created = page.waitForResponse((res) => res.url().endsWith(`/spaces/${s.space}/routines`) && res.request().method() === 'POST');
    await editor.getByRole('button', { name: 'Create routine' }).click();
    const routine = await (await created).json();
    assert.equal(routine.nextAt, r[0][0]);
    const scheduled = await api('GET', `/routines/${routine.id}/preview?count=5`);
    assert.deepEqual(
      scheduled.occurrences.map((o) => o.dueAt),
      r.map((x) => x[0]),
    );
    // Saved and unchanged: the server's own preview replaces the draft's, with the same dates.
    const saved = page.getByRole('region', { name: 'Next dates' });
    await saved.locator('tbody tr').first().waitFor();
    const savedAt = await saved.locator('time').evaluateAll((ts) => ts.slice(0, 5).map((t) => t.getAttribute('datetime')));
    assert.deepEqual(
      savedAt,
      r.map((x) => x[0]),
    );
    assert.equal(await preview.count(), 0);
    assert.deepEqual(pageErrors, []);
  });

  test('timeline: zoom changes the scale and survives a reload; dragging moves or resizes by whole days', { timeout: 40_000 }, async () => {
    const { page, api } = s.ada;
    const today = todayIn(VIEWER_ZONE);
    const start = plusDays(today, 3);
    const item = await api('POST', `/spaces/${s.space}/items`, { title: 'Build the mill', startAt: start, dueAt: plusDays(start, 3) });
    const bar = page.locator(`.bar[data-key="${item.key}"]`);
    const width = async () => Math.round((await bar.boundingBox()).width);
    const pressed = async () => page.getByRole('group', { name: 'Zoom' }).locator('button[aria-pressed="true"]').textContent();
    const zoomParam = () => new URL(page.url()).searchParams.get('zoom');
    await page.goto(`/w/${s.ws}/s/${s.space}?view=timeline`);
    await bar.waitFor();
    assert.equal(await pressed(), 'Month');
    assert.equal(await width(), 4 * 28);

    await page.getByRole('group', { name: 'Zoom' }).getByRole('button', { name: 'Week' }).click();
    await page.locator('.timeline-scroll[data-zoom="week"]').waitFor();
    assert.equal(await width(), 4 * 64);
    assert.equal(zoomParam(), 'week');
    await page.reload();
    await bar.waitFor();
    assert.equal(await pressed(), 'Week');
    assert.equal(await width(), 4 * 64);

    // Keyboard: "-" zooms out a step at a time, "+" back in.
    await page.keyboard.type('-');
    await page.locator('.timeline-scroll[data-zoom="month"]').waitFor();
    assert.equal(zoomParam(), null);
    await page.keyboard.type('-');
    await page.locator('.timeline-scroll[data-zoom="quarter"]').waitFor();
    assert.equal(zoomParam(), 'quarter');
    assert.equal(await width(), 4 * 10);
    await page.keyboard.type('+');
    await page.locator('.timeline-scroll[data-zoom="month"]').waitFor();
    await page.keyboard.type('+');
    await page.locator('.timeline-scroll[data-zoom="week"]').waitFor();

    const patched = () => page.waitForResponse((res) => res.url().endsWith(`/items/${item.id}`) && res.request().method() === 'PATCH');
    /** A real pointer drag of `target` by dx pixels, in steps. */
    const drag = async (target, dx, grab = 0.5) => {
      const b = await target.boundingBox();
      const x = b.x + b.width * grab;
      const y = b.y + b.height / 2;
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x + dx / 2, y, { steps: 5 });
      await page.mouse.move(x + dx, y, { steps: 5 });
      await page.mouse.up();
    };
    // Week scale (64 px a day): move by 2 days and a bit (snaps to 2).
    let saved = patched();
    await drag(bar, 2 * 64 + 20);
    assert.equal((await saved).status(), 200);
    let stored = await api('GET', `/items/${item.id}`);
    assert.deepEqual([stored.startAt, stored.dueAt], [plusDays(start, 2), plusDays(start, 5)]);
    assert.equal(await width(), 4 * 64);

    // Quarter scale (10 px a day): drag the due edge 3 days later; the start stays.
    await page.getByRole('group', { name: 'Zoom' }).getByRole('button', { name: 'Quarter' }).click();
    await page.locator('.timeline-scroll[data-zoom="quarter"]').waitFor();
    saved = patched();
    await drag(bar.locator('.bar-edge.end'), 3 * 10 + 3);
    assert.equal((await saved).status(), 200);
    stored = await api('GET', `/items/${item.id}`);
    assert.deepEqual([stored.startAt, stored.dueAt], [plusDays(start, 2), plusDays(start, 8)]);
    await page.waitForFunction(([k]) => document.querySelector(`.bar[data-key="${k}"]`)?.getBoundingClientRect().width === 70, [item.key]);

    // Month scale (28 px a day): the start edge one day earlier; the due date stays.
    await page.getByRole('group', { name: 'Zoom' }).getByRole('button', { name: 'Month' }).click();
    await page.locator('.timeline-scroll[data-zoom="month"]').waitFor();
    saved = patched();
    await drag(bar.locator('.bar-edge.start'), -28 - 5);
    assert.equal((await saved).status(), 200);
    stored = await api('GET', `/items/${item.id}`);
    assert.deepEqual([stored.startAt, stored.dueAt], [plusDays(start, 1), plusDays(start, 8)]);
    assert.equal(stored.version, item.version + 3);
    assert.deepEqual(pageErrors, []);
  });

  test('check-in comments: post, edit, delete my own; a refused post is undone; another person’s arrives live', { timeout: 40_000 }, async () => {
    const { page, api } = s.ada;
    const checkin = await api('POST', `/workspaces/${s.ws}/checkins`, {
      name: 'Weekly update',
      question: 'What moved this week?',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO', timeZone: 'UTC', start: '2030-01-07T09:00' },
      participantIds: [s.adaId, s.benId],
    });
    const occ = await api('POST', `/checkins/${checkin.id}/occurrences`);
    const answer = await api('PUT', `/checkins/${checkin.id}/occurrences/${occ.id}/answer`, { body: 'Finished the **mill** drawings.' });
    const comments = async () => (await api('GET', `/checkin-answers/${answer.id}/comments`)).data;

    await page.goto(`/w/${s.ws}/checkins/${checkin.id}`);
    const card = page.getByRole('article', { name: 'Answer by Ada Lovelace' });
    await card.getByText('Finished the').waitFor();
    const thread = card.getByRole('region', { name: /^Comments on/ });
    await page.locator('html[data-stream="live"]').waitFor({ state: 'attached' });

    // Post (markdown): shown at once, rendered, stored.
    const posted = page.waitForResponse((res) => res.url().endsWith(`/checkin-answers/${answer.id}/comments`) && res.request().method() === 'POST');
    await thread.getByLabel('Comment (markdown)', { exact: true }).fill('Looks **great**');
    await thread.getByRole('button', { name: 'Comment', exact: true }).click();
    const mine = thread.getByRole('listitem', { name: 'Comment by Ada Lovelace' });
    await mine.locator('strong', { hasText: 'great' }).waitFor();
    assert.equal((await posted).status(), 201);
    let stored = await comments();
    assert.deepEqual(
      stored.map((c) => [c.authorId, c.body]),
      [[s.adaId, 'Looks **great**']],
    );

    // Edit my comment.
    await mine.getByRole('button', { name: 'Edit' }).waitFor();
    await mine.getByRole('button', { name: 'Edit' }).click();
    await mine.getByLabel('Edit comment (markdown)').fill('Looks *very* good');
    const edited = page.waitForResponse((res) => /\/checkin-comments\/[^/]+$/.test(res.url()) && res.request().method() === 'PATCH');
    await mine.getByRole('button', { name: 'Save comment' }).click();
    await mine.locator('em', { hasText: 'very' }).waitFor();
    assert.equal((await edited).status(), 200);
    stored = await comments();
    assert.equal(stored[0].body, 'Looks *very* good');
    assert.notEqual(stored[0].editedAt, null);
    await mine.getByText('(edited)').waitFor();

    // A refused post shows, then is taken back with a notice.
    await page.route(`**/api/v1/checkin-answers/${answer.id}/comments`, (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({ status: 500, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Internal error', status: 500, code: 'INTERNAL', detail: 'boom' }) })
        : route.fallback(),
    );
    await thread.getByLabel('Comment (markdown)', { exact: true }).fill('This one fails');
    await thread.getByRole('button', { name: 'Comment', exact: true }).click();
    await page.getByText('Posting your comment failed and was undone').waitFor();
    await thread.getByRole('listitem').filter({ hasText: 'This one fails' }).waitFor({ state: 'detached' });
    assert.equal(await thread.getByLabel('Comment (markdown)', { exact: true }).inputValue(), 'This one fails'); // back to retry
    await thread.getByLabel('Comment (markdown)', { exact: true }).fill('');
    await page.unroute(`**/api/v1/checkin-answers/${answer.id}/comments`);
    assert.equal((await comments()).length, 1);

    // Ben comments from his side: it appears on Ada's page without a reload; she cannot edit it.
    await s.ben.api('POST', `/checkin-answers/${answer.id}/comments`, { body: 'Can I see the drawings?' });
    const his = thread.getByRole('listitem', { name: 'Comment by Ben Babbage' });
    await his.getByText('Can I see the drawings?').waitFor();
    assert.equal(await his.getByRole('button', { name: 'Edit' }).count(), 0);

    // Delete mine (confirmed): gone at once and on the server; Ben's stays.
    page.once('dialog', (d) => d.accept());
    const deleted = page.waitForResponse((res) => /\/checkin-comments\/[^/]+$/.test(res.url()) && res.request().method() === 'DELETE');
    await mine.getByRole('button', { name: 'Delete' }).click();
    await mine.waitFor({ state: 'detached' });
    assert.equal((await deleted).status(), 204);
    stored = await comments();
    assert.deepEqual(
      stored.map((c) => c.authorId),
      [s.benId],
    );
    await page.reload();
    await his.waitFor();
    assert.equal(await thread.getByRole('listitem').count(), 1);
    assert.deepEqual(pageErrors, []);
  });
});
