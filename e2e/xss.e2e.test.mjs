// XSS (issue 3): a corpus of payloads is stored through the API in every text field there is, then
// every view of the web app is rendered in real Chromium. The test fails if any script runs
// (window.__xss is ever assigned, in any frame), a dialog opens, a request leaves for another host
// (evil.example or anywhere else), or a payload turns into markup instead of showing as text.
//
// The web app renders the signed-in user's name, workspace and space names, status names, item
// titles, markdown descriptions and comments (board, list, item panel and page). Label and field
// names and custom field values are stored too (and checked to round-trip verbatim) so that each
// later view only has to be added to VIEWS below; until then PENDING_VIEWS reports them as to-do.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, startServer, uniqueEmail } from './helpers.mjs';

const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '<svg onload="window.__xss=1">',
  ' javascript:window.__xss=1',
  '<base href="//evil.example/">',
  '<iframe srcdoc="<script>parent.__xss=1</script>">',
  '[x](javascript:window.__xss=1)',
  '![x](x" onerror="window.__xss=1)',
  '"><script>window.__xss=1</script>',
  "{{constructor.constructor('window.__xss=1')()}}",
];
const PASSWORD = 'correct horse battery';
// Names and titles are trimmed by the API (zod .trim()); markdown bodies are stored as sent.
const shown = (p) => p.trim();

/**
 * Views the web app has, each with the path to open, what to wait for, and the stored texts that
 * must appear on it literally. `each: 'user'` views are opened once per payload set as the user's
 * name; `each: 'item'` views once per seeded space/item/comment holding that payload.
 */
const VIEWS = [
  {
    name: 'home: header (user name) and workspace list',
    each: 'user',
    path: () => '/',
    ready: (page, seed) => waitForWorkspaces(page, seed.workspaceNames.length),
    texts: async (page) => ({ user: await page.locator('header strong').textContent(), workspaces: await workspaceNames(page) }),
  },
  {
    // Every unknown path is the SPA (the future router); an invite link is one users really follow.
    name: 'deep link served by the SPA fallback (/invite/:token)',
    each: 'user',
    path: (seed) => `/invite/${seed.inviteToken}`,
    ready: (page, seed) => waitForWorkspaces(page, seed.workspaceNames.length),
    texts: async (page) => ({ user: await page.locator('header strong').textContent(), workspaces: await workspaceNames(page) }),
  },
  {
    name: 'space board with the item side panel: space name, sidebar space names, status names, card titles, item title, description, comments',
    each: 'item',
    path: (seed, e) => `/w/${seed.workspaceId}/s/${e.space.id}?view=board&item=${e.item.key}`,
    ready: async (page) => {
      await page.locator('.card-slot').first().waitFor();
      await page.getByRole('list', { name: 'Comments' }).locator('li').first().waitFor();
      await page.getByRole('list', { name: 'Streams' }).locator('li').nth(PAYLOADS.length - 1).waitFor();
    },
    texts: async (page) => ({
      space: await page.locator('.space-head .space-name').textContent(),
      sidebar: (await page.getByRole('list', { name: 'Streams' }).locator('a').allTextContents()).map((t) => t.replace(/^X\d+ /, '')).sort(),
      statuses: await page.locator('.column .status-name').allTextContents(),
      cards: await page.locator('.card-title').allTextContents(),
      title: await page.locator('.panel .title-input').inputValue(),
      ...(await renderedMarkdown(page)),
    }),
    expected: (e) => ({ space: shown(e.p), sidebar: PAYLOADS.map(shown).sort(), statuses: DEFAULT_STATUSES, cards: [shown(e.p)], title: shown(e.p), ...expectedMarkdown(e.p) }),
  },
  {
    name: 'space list view: item titles and status group names',
    each: 'item',
    path: (seed, e) => `/w/${seed.workspaceId}/s/${e.space.id}?view=list`,
    ready: (page) => page.locator('.list-row').first().waitFor(),
    texts: async (page) => ({ groups: await page.locator('.list-group .status-name').allTextContents(), rows: await page.locator('.list-row .row-title').allTextContents() }),
    expected: (e) => ({ groups: ['Todo'], rows: [shown(e.p)] }),
  },
  {
    name: 'item page (/items/:key): title, description (view, editor and preview), comments',
    each: 'item',
    path: (_seed, e) => `/items/${e.item.key}`,
    ready: (page) => page.getByRole('list', { name: 'Comments' }).locator('li').first().waitFor(),
    texts: async (page) => {
      const got = { title: await page.locator('.title-input').inputValue(), ...(await renderedMarkdown(page)) };
      await page.getByRole('button', { name: 'Edit description' }).click();
      got.editor = await page.getByLabel('Description (markdown)').inputValue();
      await page.getByRole('tab', { name: 'Preview' }).click();
      got.preview = await markdownText(page.getByRole('tabpanel'));
      return got;
    },
    expected: (e) => ({ title: shown(e.p), ...expectedMarkdown(e.p), editor: `${e.p}\n\n${e.p}`, preview: expectedMarkdown(e.p).description }),
  },
];

const DEFAULT_STATUSES = ['Backlog', 'Todo', 'In Progress', 'In Review', 'Done', 'Canceled'];

// Markdown is rendered, so the link payload ([x](javascript:…)) shows as its text "x" (the href is
// stripped); raw HTML is escaped and shows verbatim, as does the malformed image. Either way nothing
// may run (assertNothingRan).
const usesMarkdownSyntax = (p) => p.startsWith('[x](');
// Whitespace between rendered blocks varies with the markdown; the characters must not.
const norm = (t) => t.replace(/\s+/g, '');
async function markdownText(locator) {
  return norm((await locator.locator('.markdown').first().textContent()) ?? '');
}
async function renderedMarkdown(page) {
  return { description: await markdownText(page.locator('.description')), comment: await markdownText(page.getByRole('list', { name: 'Comments' })) };
}
function expectedMarkdown(p) {
  if (usesMarkdownSyntax(p)) return { description: norm('x x'), comment: 'x' };
  return { description: norm(`${p} ${p}`), comment: norm(p) };
}

// Text helpers for the views below. `own` is an element's own text (not its children's): a chip's
// name without its × button, a lane's name without its count.
const sorted = (a) => [...a].sort();
const ownTexts = (locator) => locator.evaluateAll((els) => els.map((e) => [...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim()));
const values = (locator) => locator.evaluateAll((els) => els.map((e) => e.value));
const names = PAYLOADS.map(shown);
/** Several payloads in one markdown document, one paragraph each, as rendered text (see expectedMarkdown). */
const expectedMarkdownOfAll = () => norm(PAYLOADS.map((p) => (usesMarkdownSyntax(p) ? 'x' : p)).join(''));
/** The workspace's members as the API has them now (the user views above rename the signed-in user). */
async function membersNow(seed) {
  return (await must('GET', `/workspaces/${seed.workspaceId}/members?limit=200`, { token: seed.token }, 200)).data;
}
async function spaceFieldsNow(seed, spaceId) {
  return (await must('GET', `/workspaces/${seed.workspaceId}/fields?spaceId=${spaceId}&limit=200`, { token: seed.token }, 200)).data.filter((f) => f.spaceId === null || f.spaceId === spaceId);
}

/**
 * Views opened once each, in one signed-in tab, each showing all ten payloads at once (in a list, a
 * grid, a picker, or one document holding them all). `texts` reads what the page shows; `expected`
 * is what was stored.
 */
const ONCE_VIEWS = [
  {
    name: 'table view: titles, label names, assignee names, custom field names and values; saved view names in the sidebar',
    path: (seed) => `/w/${seed.workspaceId}/s/${seed.all.space.id}?view=table`,
    ready: async (page, seed) => {
      await page.locator('.table-row[data-key]').nth(seed.all.dated.length + seed.all.subitems.length - 1).waitFor();
      await page.getByRole('list', { name: 'Saved views' }).locator('li').nth(PAYLOADS.length - 1).waitFor();
    },
    texts: async (page, seed) => {
      const { text, select, multi } = seed.fields;
      const rows = await page.locator('.table-row[data-key]').evaluateAll(
        (trs, ids) =>
          trs.map((tr) => {
            const cell = (c) => tr.querySelector(`.col-${c}`)?.textContent ?? null;
            return { key: tr.dataset.key, title: cell('title'), labels: cell('labels'), assignees: cell('assignees'), fields: ids.map((id) => cell(`field-${id}`)) };
          }),
        [text.id, select.id, multi.id],
      );
      return {
        headers: (await page.locator('.table-th .th-sort').allTextContents()).slice(11),
        rows: rows.sort((a, b) => a.key.localeCompare(b.key)),
        savedViews: sorted(await page.getByRole('list', { name: 'Saved views' }).locator('a').allTextContents()),
      };
    },
    expected: async (seed) => {
      const { select, multi } = seed.fields;
      const dated = seed.all.dated.map((it, i) => ({
        key: it.key,
        title: names[i],
        labels: i === 0 ? sorted(names).join(', ') : names[i], // the API lists an item's labels by name
        assignees: names[i],
        fields: [PAYLOADS[i], select.options[i].name, i === 0 ? multi.options.map((o) => o.name).join(', ') : multi.options[i].name],
      }));
      const subs = seed.all.subitems.map((it, i) => ({ key: it.key, title: names[i], labels: '', assignees: '', fields: ['', '', ''] }));
      return {
        headers: (await spaceFieldsNow(seed, seed.all.space.id)).map((f) => f.name),
        rows: [...dated, ...subs].sort((a, b) => a.key.localeCompare(b.key)),
        savedViews: sorted(names),
      };
    },
  },
  {
    name: 'calendar (week): item titles on their due date',
    path: (seed) => `/w/${seed.workspaceId}/s/${seed.all.space.id}?view=calendar`,
    ready: async (page) => {
      await page.locator('.calendar-grid').waitFor();
      await page.getByRole('button', { name: 'Week', exact: true }).click();
      await page.locator('.calendar-grid .chip a').nth(PAYLOADS.length - 1).waitFor();
    },
    texts: async (page) => ({ chips: sorted(await page.locator('.calendar-grid .chip a').allTextContents()) }),
    expected: async () => ({ chips: sorted(names) }),
  },
  {
    name: 'timeline: bar titles, row labels, undated subitems',
    path: (seed) => `/w/${seed.workspaceId}/s/${seed.all.space.id}?view=timeline`,
    ready: async (page) => page.locator('.bar-label').nth(PAYLOADS.length - 1).waitFor(),
    texts: async (page) => ({
      bars: sorted(await page.locator('.bar-label').allTextContents()),
      labels: sorted(await ownTexts(page.locator('.tl-label > *'))),
      undated: sorted(await ownTexts(page.locator('.timeline-undated li > *'))),
    }),
    expected: async () => ({ bars: sorted(names), labels: sorted(names), undated: sorted(names) }),
  },
  {
    name: 'board swimlanes by assignee (people named with payloads) and the filter builder pickers (label names, people)',
    path: (seed) => `/w/${seed.workspaceId}/s/${seed.all.space.id}?view=board`,
    ready: async (page) => {
      await page.locator('.card-slot').first().waitFor();
      await page.getByLabel('Swimlanes').selectOption('assignee');
      await page.locator('.lane').nth(PAYLOADS.length - 1).waitFor();
      await page.getByRole('button', { name: 'Filters', exact: true }).click();
      await page.getByLabel('Field of filter 1').waitFor();
    },
    texts: async (page) => {
      const lanes = sorted((await ownTexts(page.locator('.lane .lane-title'))).filter((n) => n !== 'No assignee'));
      const picked = {};
      for (const field of ['label', 'assignee', 'status']) {
        await page.getByLabel('Field of filter 1').selectOption(field);
        picked[field] = sorted(await page.getByLabel('Value of filter 1').locator('option').allTextContents());
      }
      return { lanes, ...picked };
    },
    expected: async (seed) => ({
      lanes: sorted(names),
      label: sorted(['Choose…', 'none', ...names]),
      // Each name once: the signed-in user is named like the last payload person by now.
      assignee: sorted(['Choose…', 'me', 'none', ...new Set((await membersNow(seed)).map((m) => m.name))]),
      status: sorted(['Choose…', ...seed.all.statuses.map((s) => s.name)]),
    }),
  },
  {
    name: 'item panel: label chips, assignees, status options, custom field names and values, subitems, dependencies, comment authors, activity, @mention list',
    path: (seed) => `/w/${seed.workspaceId}/s/${seed.all.space.id}?view=list&item=${seed.all.hub.key}`,
    ready: async (page, seed) => {
      const d = page.locator('.item-detail');
      await d.getByRole('list', { name: 'Comments' }).locator('li').nth(seed.people.length - 1).waitFor();
      await d.getByRole('list', { name: 'Subitems' }).locator('li').nth(PAYLOADS.length - 1).waitFor();
      await d.getByRole('list', { name: 'Dependencies' }).locator('li').nth(PAYLOADS.length - 2).waitFor();
      await d.locator('.custom-fields').waitFor();
      await d.locator('.activity li').first().waitFor();
    },
    texts: async (page) => {
      const d = page.locator('.item-detail');
      const fields = d.locator('.custom-fields');
      const selectField = fields.getByLabel(names[1], { exact: true });
      const got = {
        labels: sorted(await ownTexts(d.getByRole('list', { name: 'Labels', exact: true }).locator('li'))),
        assignees: await ownTexts(d.getByRole('list', { name: 'Assignees', exact: true }).locator('li')),
        statusOptions: await d.locator('.fields-grid').first().locator('select').first().locator('option').allTextContents(),
        fieldNames: await fields.locator('label').allTextContents(),
        textValue: await fields.getByLabel(names[0], { exact: true }).inputValue(),
        selectValue: await selectField.evaluate((s) => s.selectedOptions[0]?.textContent),
        selectOptions: await selectField.locator('option').allTextContents(),
        multiChips: sorted(await ownTexts(fields.getByRole('list', { name: names[2], exact: true }).locator('li'))),
        subitems: sorted(await d.getByRole('list', { name: 'Subitems' }).locator('a').allTextContents()),
        dependencies: sorted(await ownTexts(d.getByRole('list', { name: 'Dependencies' }).locator('a'))),
        commentAuthors: sorted(await d.locator('.comment-author').allTextContents()),
        comments: sorted((await d.locator('.comment-body').allTextContents()).map(norm)),
        activityActors: sorted(new Set(await d.locator('.activity li > span:first-child').allTextContents())),
      };
      await d.getByLabel('Comment', { exact: true }).pressSequentially('@');
      const list = page.getByRole('listbox', { name: 'Mention someone' });
      await list.getByRole('option').first().waitFor();
      got.mention = await ownTexts(list.getByRole('option'));
      return got;
    },
    expected: async (seed) => {
      const members = await membersNow(seed);
      const me = members.find((m) => m.email === seed.email);
      return {
        labels: sorted(names),
        assignees: [names[0]],
        statusOptions: seed.all.statuses.map((s) => s.name),
        fieldNames: (await spaceFieldsNow(seed, seed.all.space.id)).map((f) => f.name),
        textValue: PAYLOADS[0],
        selectValue: names[0],
        selectOptions: ['—', ...names],
        multiChips: sorted(names),
        subitems: sorted(names),
        dependencies: sorted(names.slice(1)),
        commentAuthors: sorted(names),
        comments: sorted(PAYLOADS.map((p) => expectedMarkdown(p).comment)),
        activityActors: sorted(new Set([me.name, ...names])),
        mention: members.slice(0, 8).map((m) => m.name),
      };
    },
  },
  {
    name: 'space settings: status names, custom field names and option names, members, templates',
    path: (seed) => `/w/${seed.workspaceId}/s/${seed.all.space.id}/settings`,
    ready: async (page, seed) => {
      await page.getByRole('list', { name: 'Statuses' }).locator('li').nth(seed.all.statuses.length - 1).waitFor();
      await page.getByRole('list', { name: 'Custom fields' }).locator('li').first().waitFor();
      await page.getByRole('list', { name: 'Templates list' }).locator('li').nth(PAYLOADS.length - 1).waitFor();
      await page.locator('.member-list li').nth(seed.people.length).waitFor();
    },
    texts: async (page) => ({
      statuses: await values(page.locator('.status-row input[id$="-n"]')),
      fields: await page.locator('.field-row').evaluateAll((rows) => rows.map((r) => ({ name: r.querySelector('input[id$="-n"]')?.value, options: r.querySelector('input[id$="-o"]')?.value ?? null }))),
      members: sorted((await page.locator('.member-list label').allTextContents()).map((t) => t.trim())),
      templates: sorted(await page.locator('.template-row strong').allTextContents()),
      templateDescriptions: sorted(await page.locator('.template-row .muted.small').allTextContents()),
    }),
    expected: async (seed) => ({
      statuses: seed.all.statuses.map((s) => s.name),
      fields: (await spaceFieldsNow(seed, seed.all.space.id)).map((f) => ({ name: f.name, options: ['select', 'multi_select'].includes(f.type) ? f.options.map((o) => o.name).join(', ') : null })),
      members: sorted((await membersNow(seed)).map((m) => `${m.name} ${m.email} · ${m.role}`)),
      templates: sorted(names),
      templateDescriptions: sorted(PAYLOADS),
    }),
  },
  {
    name: 'routines: routine names',
    path: (seed) => `/w/${seed.workspaceId}/s/${seed.intake.space.id}/routines`,
    ready: (page) => page.locator('.routine-row').nth(PAYLOADS.length - 1).waitFor(),
    texts: async (page) => ({ routines: sorted(await page.locator('.routine-row strong').allTextContents()) }),
    expected: async () => ({ routines: sorted(names) }),
  },
  {
    name: 'intake: form names, request titles in triage, a decline reason',
    path: (seed) => `/w/${seed.workspaceId}/s/${seed.intake.space.id}/intake`,
    ready: async (page) => {
      await page.getByRole('list', { name: 'Forms list' }).locator('li').nth(PAYLOADS.length - 1).waitFor();
      await page.getByRole('list', { name: 'Requests list' }).locator('li').nth(PAYLOADS.length - 2).waitFor();
    },
    texts: async (page, seed) => {
      const got = {
        forms: sorted(await page.locator('.form-row strong').allTextContents()),
        triage: sorted(await page.locator('.request-row strong').allTextContents()),
      };
      await page.getByRole('button', { name: 'Declined', exact: true }).click();
      const row = page.locator('.request-row').filter({ hasText: seed.intake.declined.reference });
      await row.waitFor();
      const line = await row.locator('.muted.small').textContent();
      got.declined = { title: await row.locator('strong').textContent(), reason: line.slice(line.indexOf(' · declined: ') + ' · declined: '.length) };
      return got;
    },
    expected: async (seed) => ({
      forms: sorted(names),
      triage: sorted(names.filter((_, i) => i !== 1)),
      declined: { title: names[1], reason: seed.intake.reason },
    }),
  },
  {
    name: 'public form page (/f/:publicId): workspace and form name, description, field labels, help texts, choice labels',
    path: (seed) => `/f/${seed.intake.publicForm.publicId}`,
    ready: (page) => page.locator('.public-page form .field').nth(PAYLOADS.length).waitFor(),
    texts: async (page) => ({
      workspace: await page.locator('.public-page > p.muted').first().textContent(),
      name: await page.locator('.public-page h1').textContent(),
      description: norm(await page.locator('.public-page > .markdown').textContent()),
      labels: await page.locator('.public-page form .field > label').allTextContents(),
      help: await page.locator('.public-page form small[id$="-help"]').allTextContents(),
      options: await page.locator('.public-page form select option').allTextContents(),
    }),
    expected: async () => ({
      workspace: names[0],
      name: names[0],
      description: expectedMarkdownOfAll(),
      labels: ['Your email *', `${names[0]} *`, ...names.slice(1), 'Pick'],
      help: PAYLOADS,
      options: ['Choose…', ...PAYLOADS],
    }),
  },
  {
    name: 'request status page (/requests/:reference): title and decline reason',
    path: (seed) => `/requests/${seed.intake.declined.reference}`,
    ready: (page) => page.getByRole('region', { name: 'Request status' }).locator('h2').waitFor(),
    texts: async (page) => {
      const card = page.getByRole('region', { name: 'Request status' });
      return { title: await card.locator('h2').textContent(), reason: await card.locator('p').filter({ hasText: 'Reason:' }).textContent() };
    },
    expected: async (seed) => ({ title: names[1], reason: `Reason: ${seed.intake.reason}` }),
  },
  {
    name: 'check-ins list: names and questions',
    path: (seed) => `/w/${seed.workspaceId}/checkins`,
    ready: (page) => page.locator('.checkin-row').nth(PAYLOADS.length - 1).waitFor(),
    texts: async (page) => ({
      names: sorted(await page.locator('.checkin-row > a').allTextContents()),
      questions: sorted((await page.locator('.checkin-row .muted.small').allTextContents()).map((t) => t.slice(0, t.indexOf(' · ')))),
    }),
    expected: async () => ({ names: sorted(names), questions: sorted(names) }),
  },
  {
    name: 'check-in page: name, question, an answer holding every payload',
    path: (seed) => `/w/${seed.workspaceId}/checkins/${seed.checkin.list[0].id}`,
    ready: (page) => page.locator('article.answer .markdown').first().waitFor(),
    texts: async (page) => ({
      name: await page.locator('.area-page h1').textContent(),
      question: await ownTexts(page.locator('.occurrence > h2')),
      answers: await Promise.all((await page.locator('article.answer .markdown').all()).map(async (m) => norm(await m.textContent()))),
    }),
    expected: async () => ({ name: names[0], question: [names[0]], answers: [expectedMarkdownOfAll()] }),
  },
  {
    name: 'home "since you last looked": space names, item titles and people as the events carry them',
    path: (seed) => `/w/${seed.workspaceId}`,
    ready: async (page, seed) => {
      // A last visit before everything was seeded, as if the user had looked at seq 0.
      await page.evaluate((ws) => localStorage.setItem(`weft.lastVisit.${ws}`, JSON.stringify({ seq: 0, at: '2026-01-01T00:00:00.000Z' })), seed.workspaceId);
      await page.reload();
      await page.getByLabel('Include my changes').check();
      await page.locator('.since-group').nth(PAYLOADS.length - 1).waitFor();
    },
    texts: async (page) => {
      const headings = new Set(await page.locator('.since-group h3').allTextContents());
      const titles = new Set((await page.locator('.since-group li a').allTextContents()).map((t) => t.replace(/^[A-Z]+-\d+ /, '')));
      const by = (await page.locator('.since-group li .muted.small').allTextContents()).join('\n');
      return {
        spaces: names.filter((n) => headings.has(n)),
        titles: names.filter((n) => titles.has(n)),
        people: names.filter((n) => by.includes(`by ${n}`) || by.includes(`, ${n}`)),
      };
    },
    expected: async () => ({ spaces: names, titles: names, people: names }),
  },
  {
    name: "profile page: the user's own name in the heading, the field and the avatar's initials",
    path: () => '/profile',
    ready: (page) => page.getByRole('form', { name: 'Profile' }).waitFor(),
    texts: async (page) => ({
      shown: await page.locator('.card .row > div > div').first().textContent(),
      field: await page.getByLabel('Name', { exact: true }).inputValue(),
    }),
    expected: async (seed) => {
      const me = (await membersNow(seed)).find((m) => m.email === seed.email);
      return { shown: me.name, field: me.name };
    },
  },
  {
    name: 'project overview: goal (every payload) and lead',
    path: (seed) => `/w/${seed.workspaceId}/s/${seed.all.space.id}/overview`,
    ready: (page) => page.locator('.overview-grid').waitFor(),
    texts: async (page) => {
      const grid = page.locator('.overview-grid > span');
      return { goal: await grid.nth(1).textContent(), lead: await grid.nth(5).textContent() };
    },
    expected: async () => ({ goal: PAYLOADS.join('\n'), lead: names[1] }),
  },
];

/** Stored through the API below but not rendered by the web app yet (or not checked here yet). */
const PENDING_VIEWS = [
  'notifications: titles and comment bodies as they appear in them (no notification view in the web app yet)',
];

let server;
let browser;
let seed;

before(async () => {
  // Rate limits are not what this file tests; it signs up more people than a person would.
  server = await startServer({ WEFT_AUTH_RATE_MAX: '1000' });
  browser = await launchBrowser();
  seed = await seedPayloads(server.url);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A JSON call against the running server, with a session cookie or a bearer token. */
async function api(method, path, { body, token, cookie } = {}) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  if (cookie) headers.cookie = cookie;
  const res = await fetch(`${server.url}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, headers: res.headers };
}

async function must(method, path, opts, want = 201) {
  const res = await api(method, path, opts);
  assert.equal(res.status, want, `${method} ${path}: ${JSON.stringify(res.json)}`);
  return res.json;
}

/** One user, one workspace per payload, and every payload in every stored text field of the first one. */
async function seedPayloads(url) {
  const email = uniqueEmail('victim');
  const signup = await fetch(`${url}/api/v1/auth/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, name: 'Victim', password: PASSWORD }) });
  assert.equal(signup.status, 201);
  const cookie = signup.headers.get('set-cookie').split(';')[0];
  const { token } = await must('POST', '/tokens', { cookie, body: { name: 'seed' } });
  const workspaces = [];
  for (const p of PAYLOADS) workspaces.push(await must('POST', '/workspaces', { token, body: { name: p } }));
  const W = `/workspaces/${workspaces[0].id}`;
  const text = await must('POST', `${W}/fields`, { token, body: { name: PAYLOADS[0], type: 'text' } });
  const select = await must('POST', `${W}/fields`, { token, body: { name: PAYLOADS[1], type: 'select', options: PAYLOADS.map((name) => ({ name })) } });
  const labels = [];
  for (const p of PAYLOADS) labels.push(await must('POST', `${W}/labels`, { token, body: { name: p } }));
  const items = [];
  for (const [i, p] of PAYLOADS.entries()) {
    const space = await must('POST', `${W}/spaces`, { token, body: { key: `X${i}`, name: p, description: p } });
    const item = await must('POST', `/spaces/${space.id}/items`, {
      token,
      body: { title: p, description: `${p}\n\n${p}`, labelIds: [labels[i].id], fields: { [text.id]: p, [select.id]: select.options[i].id } },
    });
    const comment = await must('POST', `/items/${item.id}/comments`, { token, body: { body: p } });
    items.push({ p, space, item, comment });
  }
  const invite = await must('POST', `${W}/invites`, { token, body: { role: 'member' } });
  const base = { email, token, workspaceId: workspaces[0].id, workspaceNames: PAYLOADS.map(shown), fields: { text, select }, labels, items, inviteToken: invite.token };
  return { ...base, ...(await seedManyAtOnce(url, base)) };
}

/** A calendar day `n` days from today, in this machine's zone (the browser's too): all-day dates need no zone. */
function dayFromToday(n) {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Everything the views of ONCE_VIEWS show, each of them holding all payloads at once: people named
 * with the payloads (pickers, swimlanes, mentions, activity), a project space "XA" with payload
 * statuses, fields, dated and labelled items, subitems, dependencies, a payload goal and templates,
 * saved views, and a project space "XI" with routines, intake forms and requests (one declined with
 * a payload reason), plus check-ins (one answered with every payload). Two projects, not streams,
 * so the board test's list of streams stays the ten payload spaces; XI keeps the items that
 * requests create out of XA's table and calendar.
 */
async function seedManyAtOnce(url, base) {
  const { token, workspaceId } = base;
  const W = `/workspaces/${workspaceId}`;
  const me = await must('GET', '/me', { token }, 200);
  // Sign-up hashes a password (the slow part): side by side.
  const people = await Promise.all(
    PAYLOADS.map(async (p, i) => {
      const invite = await must('POST', `${W}/invites`, { token, body: { role: 'member' } });
      const res = await fetch(`${url}/api/v1/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: uniqueEmail(`person${i}`), name: p, password: PASSWORD }),
      });
      assert.equal(res.status, 201);
      const c = res.headers.get('set-cookie').split(';')[0];
      await must('POST', `/invites/${invite.token}/accept`, { cookie: c }, 200);
      return { p, cookie: c, ...(await must('GET', '/me', { cookie: c }, 200)) };
    }),
  );
  const multi = await must('POST', `${W}/fields`, { token, body: { name: PAYLOADS[2], type: 'multi_select', options: PAYLOADS.map((name) => ({ name })) } });
  const all = await must('POST', `${W}/spaces`, { token, body: { key: 'XA', name: 'All payloads', kind: 'project', goal: PAYLOADS.join('\n'), leadId: people[1].id } });
  const spaceSelect = await must('POST', `${W}/fields`, { token, body: { name: PAYLOADS[3], type: 'select', spaceId: all.id, options: PAYLOADS.map((name) => ({ name })) } });
  for (const p of PAYLOADS) await must('POST', `/spaces/${all.id}/statuses`, { token, body: { name: p, category: 'in_progress' } });
  const { text, select } = base.fields;
  const dated = [];
  for (const [i, p] of PAYLOADS.entries()) {
    const hub = i === 0;
    dated.push(
      await must('POST', `/spaces/${all.id}/items`, {
        token,
        body: {
          title: p,
          labelIds: hub ? base.labels.map((l) => l.id) : [base.labels[i].id],
          assigneeIds: [people[i].id],
          startAt: dayFromToday(0),
          dueAt: dayFromToday(0),
          fields: { [text.id]: p, [select.id]: select.options[i].id, [multi.id]: hub ? multi.options.map((o) => o.id) : [multi.options[i].id] },
        },
      }),
    );
  }
  const hub = dated[0];
  const subitems = [];
  for (const p of PAYLOADS) subitems.push(await must('POST', `/spaces/${all.id}/items`, { token, body: { title: p, parentId: hub.id } }));
  for (const other of dated.slice(1)) await must('POST', `/items/${hub.id}/links`, { token, body: { kind: 'blocks', itemId: other.id } });
  // Each payload person comments on the hub and changes it, so their names are in its comments and activity.
  for (const person of people) {
    await must('POST', `/items/${hub.id}/comments`, { cookie: person.cookie, body: { body: person.p } });
    const { version } = await must('GET', `/items/${hub.id}`, { cookie: person.cookie }, 200);
    await must('PATCH', `/items/${hub.id}`, { cookie: person.cookie, body: { version, estimate: people.indexOf(person) + 1 } }, 200);
  }
  const views = [];
  for (const p of PAYLOADS) views.push(await must('POST', `${W}/views`, { token, body: { name: p, layout: 'table', spaceId: all.id } }));
  const templates = [];
  for (const p of PAYLOADS) templates.push(await must('POST', `/spaces/${all.id}/save-as-template`, { token, body: { name: p, description: p } }));

  const xi = await must('POST', `${W}/spaces`, { token, body: { key: 'XI', name: 'Intake and routines', kind: 'project' } });
  const weekly = { rrule: 'FREQ=WEEKLY;BYDAY=MO', timeZone: 'UTC', start: '2030-01-07T09:00' };
  const routines = [];
  for (const p of PAYLOADS) {
    // `{{…}}` in a title is a date placeholder (an unknown one is refused), so that payload is only the routine's name.
    const title = p.includes('{{') ? 'Routine {{date}}' : p;
    routines.push(await must('POST', `/spaces/${xi.id}/routines`, { token, body: { name: p, recurrence: weekly, template: { title } } }));
  }
  const forms = [];
  for (const [i, p] of PAYLOADS.entries()) {
    const fields =
      i === 0
        ? [
            { key: 'summary', label: p, kind: 'short_text', mapsTo: 'title', required: true, help: p },
            ...PAYLOADS.slice(1).map((q, n) => ({ key: `f${n + 1}`, label: q, kind: 'long_text', help: q })),
            { key: 'pick', label: 'Pick', kind: 'choice', options: PAYLOADS.map((q, n) => ({ value: `v${n}`, label: q })) },
          ]
        : [{ key: 'summary', label: p, kind: 'short_text', mapsTo: 'title', required: true }];
    forms.push(await must('POST', `/spaces/${xi.id}/forms`, { token, body: { name: p, access: i === 0 ? 'public' : 'internal', description: PAYLOADS.join('\n\n'), fields } }));
  }
  const publicForm = forms[0];
  const receipts = [];
  for (const [i, p] of PAYLOADS.entries()) {
    receipts.push(await must('POST', `/forms/${publicForm.publicId}/submissions`, { body: { email: `requester${i}@example.test`, values: { summary: p } } }));
  }
  const requests = (await must('GET', `/spaces/${xi.id}/requests?limit=100`, { token }, 200)).data;
  const declined = requests.find((r) => r.reference === receipts[1].reference);
  const reason = PAYLOADS.join('\n');
  await must('POST', `/requests/${declined.id}/decline`, { token, body: { reason } }, 200);

  const checkins = [];
  for (const p of PAYLOADS) checkins.push(await must('POST', `${W}/checkins`, { token, body: { name: p, question: p, recurrence: weekly, participantIds: [me.id] } }));
  const occurrence = await must('POST', `/checkins/${checkins[0].id}/occurrences`, { token });
  const answer = PAYLOADS.join('\n\n');
  await must('PUT', `/checkins/${checkins[0].id}/occurrences/${occurrence.id}/answer`, { token, body: { body: answer } });

  const statuses = (await must('GET', `/spaces/${all.id}/statuses`, { token }, 200)).data.sort((a, b) => a.position - b.position);
  return {
    people,
    fields: { text, select, multi, spaceSelect },
    all: { space: all, statuses, dated, hub, subitems, views, templates },
    intake: { space: xi, routines, forms, publicForm, receipts, declined, reason },
    checkin: { list: checkins, answer },
  };
}

async function waitForWorkspaces(page, count) {
  await page.getByRole('list', { name: 'Workspaces' }).locator('li').nth(count - 1).waitFor();
}

async function workspaceNames(page) {
  return (await page.getByRole('list', { name: 'Workspaces' }).locator('li').allTextContents()).sort();
}

/**
 * A browser context whose every frame traps writes to window.__xss, and which records dialogs,
 * page errors and any request that is not to our server (those are aborted: nothing leaves).
 */
async function watchedContext() {
  // CSP is bypassed on purpose: these tests prove the rendering itself never turns stored text into
  // markup or script. The Content-Security-Policy header is a second line of defence, checked by the
  // header tests in apps/server; with it on, a real injection would simply be blocked and unseen here.
  const context = await browser.newContext({ bypassCSP: true });
  const seen = { dialogs: [], foreign: [], evil: [], errors: [] };
  await context.addInitScript(() => {
    let hits = 0;
    Object.defineProperty(window, '__xss', {
      configurable: false,
      get: () => hits,
      set: () => {
        hits += 1;
      },
    });
  });
  await context.route(
    (u) => !u.href.startsWith(`${server.url}/`),
    (route) => {
      seen.foreign.push(route.request().url());
      return route.abort();
    },
  );
  const watchPage = (page) => {
    page.setDefaultTimeout(10_000);
    page.on('dialog', (d) => {
      seen.dialogs.push(`${d.type()}: ${d.message()}`);
      d.dismiss().catch(() => {});
    });
    page.on('request', (r) => {
      if (/(^|\.)evil\.example$/i.test(new URL(r.url()).hostname)) seen.evil.push(r.url());
    });
    page.on('pageerror', (e) => seen.errors.push(String(e)));
  };
  context.on('page', watchPage);
  return { context, seen };
}

/** Fails with everything suspicious that happened on the page so far. */
async function assertNothingRan(page, seen, where) {
  assert.deepEqual(await evidence(page, seen, where), {
    where,
    xss: 0,
    injected: [],
    handlers: [],
    jsLinks: [],
    bases: 0,
    baseURI: new URL(page.url()).href,
    dialogs: [],
    evil: [],
    foreign: [],
    errors: [],
  });
}

/** What the page shows of script execution, injected markup and outbound requests. */
async function evidence(page, seen, where) {
  await page.waitForLoadState('load');
  // Let queued tasks run (an image error event, an onload handler) before looking: no fixed sleep.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  const dom = await page.evaluate(() => {
    const body = document.body ?? document.documentElement;
    // The SPA's own bundle is the one script allowed: it is served from /assets/ by our server.
    // The timeline's dependency arrows are the app's one own <svg> (its on* attributes, if any, are still caught below).
    const own = (e) => (e.tagName === 'SCRIPT' && /^\/assets\//.test(e.getAttribute('src') ?? '')) || (e.tagName === 'svg' && e.matches('.timeline-body > svg.tl-arrows'));
    return {
      xss: window.__xss,
      injected: [...body.querySelectorAll('script, iframe, frame, img, svg, base, object, embed, link, style, meta')].filter((e) => !own(e)).map((e) => e.outerHTML.slice(0, 80)),
      handlers: [...body.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`)),
      jsLinks: [...document.querySelectorAll('a[href], area[href], form[action]')].map((e) => e.getAttribute('href') ?? e.getAttribute('action')).filter((h) => /^\s*javascript:/i.test(h ?? '')),
      bases: document.querySelectorAll('base').length,
      baseURI: document.baseURI,
    };
  });
  return { where, ...dom, dialogs: [...seen.dialogs], evil: [...seen.evil], foreign: [...seen.foreign], errors: [...seen.errors] };
}

async function logIn(page, email) {
  await page.goto(server.url);
  await page.getByRole('button', { name: /Log in/ }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await page.getByText('Signed in as').waitFor();
}

describe('XSS: stored payloads', () => {
  test('canary: the detectors do notice a script, a handler, a dialog and a request to evil.example', { timeout: 60_000 }, async () => {
    const { context, seen } = await watchedContext();
    const page = await context.newPage();
    try {
      await page.goto(server.url);
      await page.getByRole('heading', { name: 'Sign up' }).waitFor();
      const dialog = page.waitForEvent('dialog');
      await page.evaluate(() => {
        document.getElementById('root').insertAdjacentHTML('beforeend', '<img src=x onerror="window.__xss=1"><a href=" javascript:void 0">x</a>');
        setTimeout(() => alert('canary'), 0);
        fetch('http://evil.example/steal').catch(() => {});
      });
      await page.waitForFunction(() => window.__xss > 0);
      await dialog;
      const got = await evidence(page, seen, 'canary');
      assert.ok(got.xss >= 1, 'the __xss trap did not fire');
      assert.equal(got.injected.length, 1);
      assert.deepEqual(got.handlers, ['IMG onerror']);
      assert.deepEqual(got.jsLinks, [' javascript:void 0']);
      assert.deepEqual(got.dialogs, ['alert: canary']);
      assert.deepEqual(got.evil, ['http://evil.example/steal']);
      assert.deepEqual(got.foreign, ['http://evil.example/steal']);
    } finally {
      await context.close();
    }
  });

  test('every payload round-trips through the API verbatim, and a javascript: URL field value is refused', { timeout: 60_000 }, async () => {
    const { token } = seed;
    const ws = await must('GET', '/workspaces', { token }, 200);
    assert.deepEqual(ws.data.map((w) => w.name).sort(), [...seed.workspaceNames].sort());
    for (const { p, space, item, comment } of seed.items) {
      const got = await must('GET', `/items/${item.id}`, { token }, 200);
      assert.equal(got.title, shown(p));
      assert.equal(got.description, `${p}\n\n${p}`);
      assert.equal(got.fields[seed.fields.text.id], p);
      assert.equal((await must('GET', `/spaces/${space.id}`, { token }, 200)).name, shown(p));
      assert.equal((await must('GET', `/items/${item.id}/comments`, { token }, 200)).data[0].body, shown(comment.body));
    }
    assert.deepEqual(seed.labels.map((l) => l.name), PAYLOADS.map(shown));
    assert.deepEqual(seed.fields.select.options.map((o) => o.name), PAYLOADS.map(shown));
    // Links are where `javascript:` bites: an http(s)-only URL field refuses it however it is dressed.
    const W = `/workspaces/${ws.data[0].id}`;
    const url = await must('POST', `${W}/fields`, { token, body: { name: 'Link', type: 'url' } });
    const spaceId = seed.items[0].space.id;
    for (const bad of [' javascript:window.__xss=1', 'JaVaScRiPt:window.__xss=1', '\tjavascript:window.__xss=1', 'data:text/html,<script>window.__xss=1</script>', 'vbscript:msgbox(1)']) {
      const res = await api('POST', `/spaces/${spaceId}/items`, { token, body: { title: 'link', fields: { [url.id]: bad } } });
      assert.equal(res.status, 400, `${JSON.stringify(bad)} accepted as a URL`);
      assert.equal(res.json.code, 'VALIDATION_FAILED');
    }
  });

  for (const view of VIEWS.filter((v) => v.each === 'user')) {
    test(`${view.name}: every payload as the user's name and as workspace names shows as text, runs nothing`, { timeout: 120_000 }, async (t) => {
      const { context, seen } = await watchedContext();
      const page = await context.newPage();
      try {
        await logIn(page, seed.email);
        for (const p of PAYLOADS) {
          await must('PATCH', '/me', { token: seed.token, body: { name: p } }, 200);
          await page.goto(`${server.url}${view.path(seed)}`);
          await view.ready(page, seed);
          const texts = await view.texts(page);
          assert.deepEqual(texts, { user: shown(p), workspaces: [...seed.workspaceNames].sort() }, `payload ${JSON.stringify(p)} not shown literally`);
          await assertNothingRan(page, seen, `${view.name} with user name ${JSON.stringify(p)}`);
        }
      } catch (e) {
        t.diagnostic(`server output:\n${server.output()}`);
        throw e;
      } finally {
        await context.close();
      }
    });
  }

  for (const view of VIEWS.filter((v) => v.each === 'item')) {
    test(`${view.name}: every payload shows as text, runs nothing`, { timeout: 180_000 }, async (t) => {
      const { context, seen } = await watchedContext();
      const page = await context.newPage();
      try {
        await logIn(page, seed.email);
        for (const e of seed.items) {
          await page.goto(`${server.url}${view.path(seed, e)}`);
          await view.ready(page, e);
          assert.deepEqual(await view.texts(page), view.expected(e), `payload ${JSON.stringify(e.p)} not shown as text`);
          await assertNothingRan(page, seen, `${view.name} with ${JSON.stringify(e.p)}`);
        }
      } catch (err) {
        t.diagnostic(`server output:\n${server.output()}`);
        throw err;
      } finally {
        await context.close();
      }
    });
  }

  describe('views showing every payload at once', () => {
    // One signed-in tab for them all: a page load each, no log-in each. A tall window, so the
    // virtualized table and timeline render every row.
    let tab;
    before(async () => {
      tab = await watchedContext();
      tab.page = await tab.context.newPage();
      await tab.page.setViewportSize({ width: 1600, height: 2000 });
      await logIn(tab.page, seed.email);
    });
    after(async () => {
      await tab?.context.close();
    });
    for (const view of ONCE_VIEWS) {
      test(`${view.name}: shows as text, runs nothing`, { timeout: 60_000 }, async (t) => {
        const { page, seen } = tab;
        for (const list of Object.values(seen)) list.length = 0;
        try {
          await page.goto(`${server.url}${view.path(seed)}`);
          await view.ready(page, seed);
          assert.deepEqual(await view.texts(page, seed), await view.expected(seed), 'payloads not shown as text');
          await assertNothingRan(page, seen, view.name);
        } catch (err) {
          t.diagnostic(`server output:\n${server.output()}`);
          throw err;
        }
      });
    }
  });

  for (const pending of PENDING_VIEWS) {
    test(`not rendered by the web app yet: ${pending}`, { todo: 'payloads are stored; add the view to VIEWS when it lands' }, () => {});
  }
});

describe('XSS: payloads typed into the forms', () => {
  test('signing up with a payload as the name and creating a payload-named workspace shows text, runs nothing, also after a reload', { timeout: 180_000 }, async () => {
    // Independent people, so they run side by side (sign-up hashes a password: the slow part).
    const typeIn = async (p) => {
      const { context, seen } = await watchedContext();
      const page = await context.newPage();
      try {
        await page.goto(server.url);
        await page.getByLabel('Email').fill(uniqueEmail('typed'));
        await page.getByLabel('Name').fill(p);
        await page.getByLabel('Password').fill(PASSWORD);
        await page.getByRole('button', { name: 'Sign up' }).click();
        await page.getByText('Signed in as').waitFor();
        await page.getByLabel('Workspace name').fill(p);
        await page.getByRole('button', { name: 'Create workspace' }).click();
        await waitForWorkspaces(page, 1);
        for (const when of ['after typing', 'after a reload']) {
          if (when === 'after a reload') {
            await page.reload();
            await waitForWorkspaces(page, 1);
          }
          assert.equal(await page.locator('header strong').textContent(), shown(p));
          assert.deepEqual(await workspaceNames(page), [shown(p)]);
          await assertNothingRan(page, seen, `typed ${JSON.stringify(p)} ${when}`);
        }
        // A refused input (too long) comes back as a problem shown in an alert: still only text.
        await page.getByLabel('Workspace name').fill(p.repeat(Math.ceil(201 / p.length)));
        await page.getByRole('button', { name: 'Create workspace' }).click();
        await page.getByRole('alert').waitFor();
        await assertNothingRan(page, seen, `over-long ${JSON.stringify(p)}`);
        await page.getByRole('button', { name: 'Log out' }).click();
        await page.getByRole('heading', { name: 'Sign up' }).waitFor();
      } finally {
        await context.close();
      }
    };
    for (let i = 0; i < PAYLOADS.length; i += 5) await Promise.all(PAYLOADS.slice(i, i + 5).map(typeIn));
  });
});

describe('XSS: reflected input', () => {
  test('a payload in the URL is never answered as HTML by the API, and the SPA fallback runs nothing', { timeout: 60_000 }, async () => {
    const { context, seen } = await watchedContext();
    const page = await context.newPage();
    try {
      // Signed in, so the API gets past authentication and validates (and could echo) the input.
      await logIn(page, seed.email);
      for (const p of PAYLOADS) {
        const enc = encodeURIComponent(p);
        for (const path of [`/api/v1/${enc}`, `/api/v1/items/${enc}`, `/api/v1/workspaces/${seed.workspaceId}/spaces?cursor=${enc}`, `/api/v1/workspaces/${seed.workspaceId}/items?q=${enc}`]) {
          const res = await page.goto(`${server.url}${path}`);
          assert.match(res.headers()['content-type'] ?? '', /^application\/(problem\+)?json/, `${path} answered ${res.headers()['content-type']}`);
          assert.ok(res.status() < 500, `${path} answered ${res.status()}`);
          await assertNothingRan(page, seen, `GET ${path}`);
        }
        await page.goto(`${server.url}/${enc}?q=${enc}#${enc}`);
        await waitForWorkspaces(page, seed.workspaceNames.length);
        await assertNothingRan(page, seen, `SPA at /${p}`);
      }
    } finally {
      await context.close();
    }
  });
});
