/**
 * Web rows (issue 5): the gzipped size of the JavaScript the browser loads, the first paint of
 * My work on the demo workspace and a 5,000-card board in headless Chromium (Debian's, driven by
 * playwright-core as in the e2e tests), against the real server on a fresh database.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import type { BenchDatabase } from './database';
import { median, percentile } from './load';
import type { Options } from './options';
import type { Log } from './phases';
import { startWeft } from './phases';
import { ROOT } from './process';
import type { Row } from './report';

// The e2e tests' launch (e2e/helpers.mjs): no browser downloads reach this network.
const CHROMIUM = process.env.WEFT_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const DIST = join(ROOT, 'apps/web/dist');
const SECTION = 'web';

const gz = (file: string) => gzipSync(readFileSync(file)).length / 1024;

/** Entry script, all scripts and the largest lazy chunk, gzipped (what a browser downloads). */
function bundleRows(): Row[] {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const entry = /<script[^>]+src="\/?([^"]+\.js)"/.exec(html)?.[1];
  const assets = join(DIST, 'assets');
  const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const sizes = scripts.map((f) => ({ f, kb: gz(join(assets, f)) }));
  const entryKb = entry ? gz(join(DIST, entry)) : null;
  const lazy = sizes.filter((s) => !entry?.endsWith(s.f)).sort((a, b) => b.kb - a.kb);
  return [
    { section: SECTION, name: 'entry JavaScript, gzipped (what the first page needs)', value: entryKb, unit: 'KB', detail: { file: entry } },
    { section: SECTION, name: `all JavaScript, gzipped (${scripts.length} files, split by route)`, value: sizes.reduce((n, s) => n + s.kb, 0), unit: 'KB' },
    { section: SECTION, name: 'largest lazy chunk, gzipped', value: lazy[0]?.kb ?? 0, unit: 'KB', detail: { file: lazy[0]?.f ?? null } },
  ];
}

type Login = { email: string; password: string };

type Session = Awaited<ReturnType<BrowserContext['storageState']>>;

/** Signs in once through the API (login is rate limited per account) and keeps the session cookie. */
async function signIn(browser: Browser, url: string, login: Login): Promise<{ context: BrowserContext; session: Session }> {
  const context = await browser.newContext({ baseURL: url });
  const res = await context.request.post('/api/v1/auth/login', { data: login, headers: { origin: url } });
  if (!res.ok()) throw new Error(`login → ${res.status()} ${await res.text()}`);
  return { context, session: await context.storageState() };
}

/**
 * Loads `path` `n` times, each in a fresh context (empty HTTP cache, nothing in memory) carrying
 * the session cookie: ms until `ready` is visible, and first contentful paint.
 */
async function loads(browser: Browser, url: string, session: Session, path: string, ready: string, n: number): Promise<{ readyMs: number[]; fcpMs: number[]; domCards: number }> {
  const readyMs: number[] = [];
  const fcpMs: number[] = [];
  let domCards = 0;
  for (let i = 0; i < n; i++) {
    const context = await browser.newContext({ baseURL: url, storageState: session });
    try {
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(url + path);
      await page.locator(ready).first().waitFor({ state: 'visible', timeout: 60_000 });
      readyMs.push(performance.now() - t0);
      fcpMs.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN));
      domCards = await page.locator('.card-slot').count();
    } finally {
      await context.close();
    }
  }
  return { readyMs, fcpMs, domCards };
}

export async function webPhase(opts: Options, db: BenchDatabase, log: Log): Promise<Row[]> {
  if (!existsSync(join(DIST, 'index.html'))) {
    log('building the web app (npm run build:web)');
    const b = spawnSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('npm run build:web failed');
  }
  const rows = bundleRows();
  if (!existsSync(CHROMIUM)) return [...rows, { section: SECTION, name: 'first paint of My work', value: null, unit: 'ms', note: `${CHROMIUM} is missing (apt-get install -y chromium)` }];

  log('seeding the demo workspace (weft seed --demo)');
  const seed = spawnSync(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'seed', '--demo'], {
    cwd: ROOT,
    env: { ...process.env, WEFT_DATA_DIR: db.dataDir, LOG_LEVEL: 'warn', ...db.env },
    encoding: 'utf8',
  });
  if (seed.status !== 0) throw new Error(`weft seed --demo failed: ${seed.stderr || seed.stdout}`);
  const login = { email: /email:\s+(\S+)/.exec(seed.stdout)?.[1] ?? '', password: /password:\s+(\S+)/.exec(seed.stdout)?.[1] ?? '' };

  const server = await startWeft(db);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const { context: ctx, session } = await signIn(browser, server.url, login);
    const api = async (method: string, path: string, body?: unknown) => {
      const r = await ctx.request.fetch(`/api/v1${path}`, { method, data: body, headers: { origin: server.url } });
      if (!r.ok()) throw new Error(`${method} ${path} → ${r.status()} ${await r.text()}`);
      return r.json();
    };
    const ws = (await api('GET', '/workspaces')).data[0];
    const n = opts.quick ? 2 : 7;
    log(`first paint of My work (${n} loads)`);
    const home = await loads(browser, server.url, session, `/w/${ws.id}`, 'h1:has-text("My work")', n);
    // A board of 5,000 cards (bulk endpoint): the time to its first cards, and how many are in the DOM.
    const space = await api('POST', `/workspaces/${ws.id}/spaces`, { name: 'Big board', key: 'BIG', kind: 'stream' });
    for (let b = 0; b < 5; b++) {
      await api('POST', `/spaces/${space.id}/items/batch?return=minimal`, { items: Array.from({ length: 1000 }, (_, i) => ({ title: `Card ${b * 1000 + i}` })) });
    }
    await ctx.close();
    log(`a 5,000-card board (${n} loads)`);
    const board = await loads(browser, server.url, session, `/w/${ws.id}/s/${space.id}?view=board`, '.card-slot', n);
    return [
      ...rows,
      { section: SECTION, name: 'My work on the demo workspace: first contentful paint', value: median(home.fcpMs), unit: 'ms', p50: median(home.fcpMs), p99: percentile(home.fcpMs, 99), detail: { loads: home.fcpMs } },
      { section: SECTION, name: 'My work on the demo workspace: navigation to its heading shown', value: median(home.readyMs), unit: 'ms', p50: median(home.readyMs), p99: percentile(home.readyMs, 99), detail: { loads: home.readyMs } },
      {
        section: SECTION,
        name: 'board of 5,000 cards: navigation to the first cards shown',
        value: median(board.readyMs),
        unit: 'ms',
        p50: median(board.readyMs),
        p99: percentile(board.readyMs, 99),
        detail: { loads: board.readyMs },
      },
      { section: SECTION, name: 'board of 5,000 cards: cards in the DOM (virtualized)', value: board.domCards, unit: 'cards' },
    ];
  } finally {
    await browser.close();
    await server.stop();
  }
}
