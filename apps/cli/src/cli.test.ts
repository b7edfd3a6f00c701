import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@weft/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './admin/test-server';
import { type Run, runWeft } from './test-io';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

describe('weft against a real server', () => {
  let server: TestServer;
  let home: string;
  const email = 'ana@example.test';
  const password = 'correct horse battery';

  const run = (...argv: string[]): Promise<Run> => runWeft({ XDG_CONFIG_HOME: home, WEFT_SERVER: server.url }, argv);
  const json = async <T = Record<string, unknown>>(...argv: string[]): Promise<T> => {
    const r = await run(...argv, '--json');
    expect(r, r.err).toMatchObject({ code: 0, err: '' });
    return JSON.parse(r.out) as T;
  };
  const config = () => JSON.parse(readFileSync(join(home, 'weft', 'config.json'), 'utf8'));

  beforeAll(async () => {
    server = await startTestServer();
    home = mkdtempSync(join(tmpdir(), 'weft-cli-'));
    await createClient({ baseUrl: server.url }).auth.signup({ email, name: 'Ana Lopez', password });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('lists every command and the exit statuses in --help', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    for (const verb of ['login', 'logout', 'workspaces use', 'spaces create', 'items add', 'items list', 'items show', 'items edit', 'items move', 'items done', 'items comment', 'serve', 'migrate', 'seed']) {
      expect(r.out).toContain(`weft ${verb}`);
    }
    expect(r.out).toContain('6  VERSION_CONFLICT');
  });

  it('refuses a bad login with exit 3 and stores nothing', async () => {
    const r = await run('login', '--email', email, '--password', 'wrong password');
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/^error INVALID_CREDENTIALS: /);
    expect(() => config()).toThrow();
  });

  it('logs in: a cli@<host> token in a 0600 config file', async () => {
    const r = await run('login', '--email', email, '--password', password);
    expect(r, r.err).toMatchObject({ code: 0 });
    expect(r.out).toContain('Logged in');
    const c = config();
    expect(c).toMatchObject({ server: server.url, email });
    expect(c.token).toMatch(/^weft_/);
    expect(statSync(join(home, 'weft', 'config.json')).mode & 0o777).toBe(0o600);
    const tokens = await createClient({ baseUrl: server.url, token: c.token }).tokens.list();
    expect(tokens.data.map((t) => t.name)).toContain('cli@testhost');
  });

  it('creates, lists and chooses workspaces and spaces', async () => {
    expect((await run('workspaces', 'create', 'Acme', 'Inc', '--slug', 'acme')).code).toBe(0);
    expect((await run('workspaces', 'create', 'Other')).code).toBe(0);
    const list = await json<Array<{ slug: string; id: string }>>('workspaces', 'list');
    expect(list.map((w) => w.slug).sort()).toEqual(['acme', expect.stringMatching(/^other/)]);
    const use = await run('workspaces', 'use', 'acme');
    expect(use.code).toBe(0);
    expect(config().workspaceId).toBe(list.find((w) => w.slug === 'acme')?.id);
    expect((await run('workspaces')).out).toMatch(/\*\s+acme/);

    const created = await run('spaces', 'create', '--key', 'OPS', '--name', 'Ops');
    expect(created, created.err).toMatchObject({ code: 0 });
    expect(created.out).toContain('In Progress');
    await run('spaces', 'create', '--key', 'WEB', '--name', 'Website', '--kind', 'project', '--goal', 'Ship it', '--target', '2026-12-31');
    const spaces = await json<Array<{ key: string; kind: string }>>('spaces', 'list');
    expect(spaces.map((s) => [s.key, s.kind])).toEqual(expect.arrayContaining([['OPS', 'stream'], ['WEB', 'project']]));
    expect((await run('spaces')).out).toMatch(/WEB\s+Website\s+project/);
  });

  it('adds, lists, shows, edits, moves, completes and comments on items', async () => {
    const client = createClient({ baseUrl: server.url, token: config().token });
    await client.labels.create(config().workspaceId, { name: 'bug' });

    const add = await run('items', 'add', 'Fix', 'the', 'login', '--space', 'ops', '--priority', 'high', '--assignee', 'me', '--label', 'bug', '--due', '2099-12-01', '--description', 'It *fails*.');
    expect(add, add.err).toMatchObject({ code: 0, out: 'Created OPS-1: Fix the login\n' });
    const second = await json<{ key: string; priority: string }>('items', 'add', 'Rotate keys', '--space', 'OPS');
    expect(second).toMatchObject({ key: 'OPS-2', priority: 'none' });

    const mine = await run('items', 'list', 'assignee:me', 'is:open');
    expect(mine.code).toBe(0);
    expect(mine.out).toMatch(/OPS-1\s+Todo\s+high\s+Ana Lopez\s+2099-12-01\s+Fix the login/);
    expect(mine.out).not.toContain('OPS-2');
    expect((await json<unknown[]>('items', 'list', 'space:OPS')).length).toBe(2);

    const show = await run('items', 'show', 'OPS-1');
    expect(show.code).toBe(0);
    expect(show.out).toContain('OPS-1  Fix the login');
    expect(show.out).toMatch(/Labels:\s+bug/);
    expect(show.out).toContain('It *fails*.');
    expect(show.out).toContain('item.created');

    const edit = await run('items', 'edit', 'OPS-1', '--title', 'Fix login', '--priority', 'urgent', '--due', 'none');
    expect(edit, edit.err).toMatchObject({ code: 0 });
    const edited = await json<{ item: { title: string; priority: string; dueAt: null; version: number } }>('items', 'show', 'OPS-1');
    expect(edited.item).toMatchObject({ title: 'Fix login', priority: 'urgent', dueAt: null, version: 2 });

    const move = await run('items', 'move', 'OPS-1', '--status', 'In Progress');
    expect(move).toMatchObject({ code: 0, out: 'Moved OPS-1 to In Progress.\n' });
    const done = await json<{ statusCategory: string; completedAt: string | null }>('items', 'done', 'OPS-1');
    expect(done.statusCategory).toBe('done');
    expect(done.completedAt).not.toBeNull();
    expect((await run('items', 'done', 'OPS-1')).out).toContain('already done');

    const comment = await run('items', 'comment', 'OPS-1', 'Shipped,', 'thanks', '@"Ana Lopez"');
    expect(comment, comment.err).toMatchObject({ code: 0 });
    const after = await json<{ comments: Array<{ body: string; mentionIds: string[] }>; activity: Array<{ type: string }> }>('items', 'show', 'OPS-1');
    expect(after.comments[0]).toMatchObject({ body: 'Shipped, thanks @"Ana Lopez"' });
    expect(after.comments[0].mentionIds).toHaveLength(1);
    expect(after.activity.length).toBeGreaterThanOrEqual(4);
    expect((await run('items', 'list', 'is:closed')).out).toContain('OPS-1');
  });

  it('exits 5 for a missing item, 2 for a bad query or usage, 6 for a stale version', async () => {
    const missing = await run('items', 'show', 'OPS-999');
    expect(missing.code).toBe(5);
    expect(missing.err).toMatch(/^error ITEM_NOT_FOUND: /);
    expect((await run('items', 'add', 'x', '--space', 'NOPE')).code).toBe(5);

    const bad = await run('items', 'list', 'priority:>>high');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^error QUERY_INVALID: .*position/);
    expect((await run('items', 'move', 'OPS-2', '--status', 'Nowhere')).code).toBe(2);
    expect((await run('items', 'edit', 'OPS-2')).code).toBe(2);
    expect((await run('spaces', 'create', '--key', 'X')).code).toBe(2);

    const stale = await run('items', 'edit', 'OPS-2', '--title', 'late', '--if-version', '1');
    expect(stale.code).toBe(0);
    const conflict = await run('items', 'edit', 'OPS-2', '--title', 'later', '--if-version', '1');
    expect(conflict.code).toBe(6);
    expect(conflict.err).toMatch(/^error VERSION_CONFLICT: OPS-2 was changed by someone else \(you had version 1, it is now 2\)/);
  });

  it('exits 8 when the server cannot be reached', async () => {
    const r = await run('--server', `http://127.0.0.1:${await closedPort()}`, 'items', 'list');
    expect(r.code).toBe(8);
    expect(r.err).toMatch(/^error UNREACHABLE: cannot reach/);
  });

  it('logs out: the token is revoked and forgotten, then calls exit 3', async () => {
    const token = config().token;
    expect((await run('logout')).code).toBe(0);
    expect(config().token).toBeUndefined();
    const r = await run('items', 'list');
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/^error UNAUTHENTICATED: .*weft login/);
    await expect(createClient({ baseUrl: server.url, token }).me.get()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
