import { createClient } from '@weft/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../admin/test-server';
import { runWeft } from '../test-io';

describe('weft watch against a real server', () => {
  let server: TestServer;
  let token: string;
  let spaceId: string;
  let workspaceId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const anon = createClient({ baseUrl: server.url });
    const { cookie } = await anon.auth.signup({ email: 'watch@example.test', name: 'Wat', password: 'correct horse battery' });
    const c = createClient({ baseUrl: server.url, cookie: cookie ?? undefined });
    token = (await c.tokens.create({ name: 'cli' })).token;
    const api = createClient({ baseUrl: server.url, token });
    workspaceId = (await api.workspaces.create({ name: 'Watched' })).id;
    spaceId = (await api.spaces.create(workspaceId, { key: 'WAT', name: 'Watched' })).id;
    for (const title of ['one', 'two', 'three']) await api.items.create(spaceId, { title });
  });
  afterAll(() => server?.close());

  const env = () => ({ WEFT_SERVER: server.url, WEFT_TOKEN: token, WEFT_WORKSPACE: workspaceId, XDG_CONFIG_HOME: '/nonexistent-weft-cli' });

  it('replays from --since and prints one line per event', async () => {
    const r = await runWeft(env(), ['watch', '--since', '0', '--count', '6']);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^#1 \S+ workspace.created/);
    expect(lines.at(-1)).toMatch(/^#\d+ \S+ item\.created WAT-3 v1 "three"$/);
  });

  it('prints JSON lines with --json, live changes included', async () => {
    const watching = runWeft(env(), ['watch', '--json', '--count', '1']);
    const api = createClient({ baseUrl: server.url, token });
    // The watcher may connect after this create: keep creating until it has seen one.
    let done = false;
    void watching.then(() => {
      done = true;
    });
    while (!done) {
      await api.items.create(spaceId, { title: 'live' });
      await Promise.race([watching, new Promise((r) => setTimeout(r, 100))]);
    }
    const r = await watching;
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out.trim())).toMatchObject({ type: 'event', kind: 'item.created', record: { title: 'live' }, version: 1 });
  });

  it('exits 3 with a bad token', async () => {
    const r = await runWeft({ ...env(), WEFT_TOKEN: 'weft_nope' }, ['watch']);
    expect(r.code).toBe(3);
  });
});
