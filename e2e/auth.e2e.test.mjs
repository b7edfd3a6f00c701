// The sign-up → workspace → reload → log-out path in a real browser against the real server:
// the one flow where cookie handling, the SPA and the API must agree.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, startServer, uniqueEmail } from './helpers.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('sign up, create a workspace, stay signed in across a reload, log out', { timeout: 60_000 }, async (t) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  try {
    await page.goto(server.url);

    // Signed out: the sign-up form.
    await page.getByRole('heading', { name: 'Sign up' }).waitFor();
    await page.getByLabel('Email').fill(uniqueEmail('ada'));
    await page.getByLabel('Name').fill('Ada Lovelace');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByText('Signed in as').waitFor();
    assert.match(await page.locator('header').textContent(), /Signed in as\s+Ada Lovelace/);

    // Create a workspace; it shows in the list.
    await page.getByLabel('Workspace name').fill('Apollo Program');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    const list = page.getByRole('list', { name: 'Workspaces' });
    await list.getByText('Apollo Program').waitFor();

    // The session is a cookie: a reload keeps the user signed in and the workspace listed.
    const cookies = await context.cookies();
    assert.ok(cookies.some((c) => c.httpOnly), 'the session cookie should be HttpOnly');
    await page.reload();
    await page.getByText('Signed in as').waitFor();
    await list.getByText('Apollo Program').waitFor();

    // Log out: back to the form, and a reload does not bring the session back.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Sign up' }).waitFor();
    await page.reload();
    await page.getByLabel('Email').waitFor();
    assert.equal(await page.getByText('Signed in as').count(), 0);
    assert.deepEqual(pageErrors, []);
  } catch (e) {
    // The server's own output is the quickest clue when the browser only saw a failure.
    t.diagnostic(`server output:\n${server.output()}`);
    throw e;
  } finally {
    await context.close();
  }
});

test('a wrong password shows the problem detail in an alert', { timeout: 60_000 }, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  try {
    await page.goto(server.url);
    await page.getByRole('button', { name: /Log in/ }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByLabel('Email').fill(uniqueEmail('nobody'));
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.ok((await alert.textContent() ?? '').trim().length > 0, 'the alert should carry the problem detail');
  } finally {
    await context.close();
  }
});
