// Shared set-up for the browser end-to-end tests: the real server as a child process on a fresh
// SQLite data folder, and Debian's Chromium driven by playwright-core (no downloaded browser builds:
// this network reaches no browser CDN, so `npx playwright install` cannot work here).
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CHROMIUM_PATH = process.env.WEFT_CHROMIUM ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps dialling Google hosts that this closed
// network refuses; --no-sandbox because CI runs as root.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const START_TIMEOUT_MS = 60_000;

/** Builds the SPA when it is missing, so `node --test e2e/` also works on its own. */
export function ensureWebBuilt() {
  if (existsSync(join(REPO_ROOT, 'apps/web/dist/index.html'))) return;
  const r = spawnSync('npm', ['run', 'build:web'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build:web failed');
}

let serverBuilt = false;
/** Builds the server bundle (scripts/build-server.mjs, ~0.2 s) once per test process, from the current sources. */
export function ensureServerBuilt() {
  if (serverBuilt) return;
  const r = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('scripts/build-server.mjs failed');
  serverBuilt = true;
}

/**
 * Starts `weft serve` on a free port (PORT=0) with its own data folder. Resolves once the server
 * printed its listening URL and /healthz answers 200. `stop()` ends that one child and removes the data.
 */
export async function startServer(extraEnv = {}) {
  ensureWebBuilt();
  ensureServerBuilt();
  const dataDir = await mkdtemp(join(tmpdir(), 'weft-e2e-'));
  const env = { ...process.env, TZ: 'UTC', HOST: '127.0.0.1', PORT: '0', WEFT_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extraEnv };
  // An inherited DATABASE_URL/REDIS_URL would point the test at a shared database.
  if (!('DATABASE_URL' in extraEnv)) delete env.DATABASE_URL;
  if (!('REDIS_URL' in extraEnv)) delete env.REDIS_URL;
  // The built server, as `npm start` runs it.
  const child = spawn(process.execPath, ['--enable-source-maps', 'apps/server/dist/main.js', 'serve'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((res) => child.once('exit', (code, signal) => res({ code, signal })));

  const url = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`server did not print its URL within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk) => {
      output += chunk;
      const m = /(https?:\/\/[^\s]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        res(m[1].replace(/\/$/, ''));
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (c) => {
      output += c;
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      rej(new Error(`server exited (code ${code}, signal ${signal}) before listening:\n${output}`));
    });
  });
  await waitForHealth(url);

  return {
    url,
    dataDir,
    /** What the server printed so far: attach it to a failure message. */
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitForHealth(url) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) return;
      last = `status ${res.status}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url}/healthz never answered 200 (${last})`);
}

/** Launches headless Debian Chromium; each launch() gets a fresh throw-away profile. */
export async function launchBrowser() {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: apt-get install -y chromium (.ci/run does this)`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * The usual set-up of a browser test file: registers node:test `before`/`after` hooks that start
 * the server and one Chromium page (10 s default timeout, uncaught page errors collected), and
 * hands the handles to `ready` once they exist. `prepare(context)` runs before the page opens
 * (e.g. holdableStream).
 */
export function openPage({ viewport = { width: 1280, height: 900 }, prepare } = {}, ready) {
  const h = { server: null, browser: null, context: null, page: null, pageErrors: [], extra: undefined };
  before(async () => {
    h.server = await startServer();
    h.browser = await launchBrowser();
    h.context = await h.browser.newContext({ viewport });
    h.extra = prepare ? await prepare(h.context) : undefined;
    h.page = await h.context.newPage();
    h.page.setDefaultTimeout(10_000);
    h.page.on('pageerror', (e) => h.pageErrors.push(String(e)));
    ready(h);
  });
  after(async () => {
    await h.context?.close();
    await h.browser?.close();
    await h.server?.stop();
  });
  return h;
}

/**
 * The set-up of a browser test with several people: registers node:test `before`/`after` hooks that
 * start the server and Chromium, and returns `person(name, body)`, which signs someone up through the
 * API in their own browser context (its session cookie) and opens one page there, with `api` for
 * set-up calls as that person. `holdStream` routes each context's stream through holdableStream;
 * `pageErrors` collects uncaught page errors, prefixed with the person's name.
 */
export function openPeople({ viewport, holdStream = false, timeout = 10_000, password = 'correct horse battery' } = {}, ready = () => {}) {
  const h = { server: null, browser: null, contexts: [], pageErrors: [] };
  before(async () => {
    h.server = await startServer();
    h.browser = await launchBrowser();
    ready(h);
  });
  after(async () => {
    for (const c of h.contexts) await c.close();
    await h.browser?.close();
    await h.server?.stop();
  });
  h.person = async (name, body = {}) => {
    const context = await h.browser.newContext({ baseURL: h.server.url, ...(viewport ? { viewport } : {}) });
    h.contexts.push(context);
    const headers = { origin: h.server.url };
    const res = await context.request.post('/api/v1/auth/signup', { data: { email: uniqueEmail(name.split(' ')[0]), name, password, ...body }, headers });
    assert.equal(res.status(), 201, await res.text());
    const stream = holdStream ? await holdableStream(context) : undefined;
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    page.on('pageerror', (e) => h.pageErrors.push(`${name}: ${e}`));
    const api = async (method, path, data) => {
      const r = await context.request.fetch(`/api/v1${path}`, { method, data, headers });
      assert.ok(r.ok(), `${method} ${path} → ${r.status()} ${await r.text()}`);
      return r.status() === 204 ? null : r.json();
    };
    return { context, page, api, stream };
  };
  return h;
}

/** Signs a new person up through the web app's form on `url` and waits until the app says who is signed in. */
export async function signUpInUi(page, url, name, { email = uniqueEmail(name.split(' ')[0].toLowerCase()), password = 'correct horse battery' } = {}) {
  await page.goto(url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByText('Signed in as').waitFor();
  return email;
}

/** A unique e-mail per run, so reruns against a kept data folder never collide. */
export function uniqueEmail(prefix = 'user') {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

/**
 * Where the browser tests write their screenshots: `WEFT_SCREENSHOT_DIR` (the test command sets
 * it to `artifacts/screenshots`), else that same folder under the repository.
 */
export const SCREENSHOT_DIR = process.env.WEFT_SCREENSHOT_DIR ?? join(REPO_ROOT, 'artifacts/screenshots');

/** Saves a full-page PNG named `<name>.png` in SCREENSHOT_DIR; returns its path. */
export async function screenshot(page, name) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/**
 * Routes the context's live stream through a proxy whose server messages can be held back:
 * `hold()` makes the race a conflict needs (another person's change has reached the server, its
 * event has not reached this tab yet); `release()` delivers what was held. Call before pages open.
 */
export async function holdableStream(context) {
  const state = { holding: false, held: [], socket: null };
  await context.routeWebSocket(/\/api\/v1\/stream/, (ws) => {
    const upstream = ws.connectToServer();
    state.socket = ws;
    upstream.onMessage((m) => (state.holding ? state.held.push(m) : ws.send(m)));
    ws.onMessage((m) => upstream.send(m));
  });
  return {
    hold() {
      state.holding = true;
    },
    release() {
      state.holding = false;
      for (const m of state.held.splice(0)) state.socket?.send(m);
    },
  };
}

/** A same-origin API call from inside the page, with its session cookie (what the app itself does). */
export function fetchInPage(page, method, path, body) {
  return page.evaluate(
    async ([m, p, b]) => {
      const res = await fetch(`/api/v1${p}`, { method: m, headers: b ? { 'content-type': 'application/json' } : {}, body: b ? JSON.stringify(b) : undefined });
      return { status: res.status, json: await res.json().catch(() => null) };
    },
    [method, path, body],
  );
}

/** fetchInPage that must succeed (2xx); answers the JSON body. */
export async function okInPage(page, method, path, body) {
  const r = await fetchInPage(page, method, path, body);
  if (r.status < 200 || r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${JSON.stringify(r.json)}`);
  return r.json;
}

/** Waits for the page's next PATCH of an item (`/api/v1/items/<id>`); answers its response. */
export function itemPatched(page) {
  return page.waitForResponse((r) => /\/api\/v1\/items\/[^/]+$/.test(r.url()) && r.request().method() === 'PATCH');
}
