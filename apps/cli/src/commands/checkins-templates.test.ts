import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type WeftClient } from '@weft/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../admin/test-server';
import { type Run, runWeft } from '../test-io';

describe('weft checkins and weft templates against a real server', () => {
  let server: TestServer;
  let home: string;
  let client: WeftClient;
  let ws: string;
  const run = (...argv: string[]): Promise<Run> => runWeft({ XDG_CONFIG_HOME: home, WEFT_SERVER: server.url }, argv);

  beforeAll(async () => {
    server = await startTestServer();
    home = mkdtempSync(join(tmpdir(), 'weft-cli-'));
    const email = 'ana@example.test';
    const password = 'correct horse battery';
    await createClient({ baseUrl: server.url }).auth.signup({ email, name: 'Ana', password, timeZone: 'Europe/Berlin' });
    expect((await run('login', '--email', email, '--password', password)).code).toBe(0);
    expect((await run('workspaces', 'create', 'Acme', '--slug', 'acme')).code).toBe(0);
    expect((await run('workspaces', 'use', 'acme')).code).toBe(0);
    expect((await run('spaces', 'create', '--key', 'OPS', '--name', 'Ops')).code).toBe(0);
    const { readFileSync } = await import('node:fs');
    const config = JSON.parse(readFileSync(join(home, 'weft', 'config.json'), 'utf8'));
    client = createClient({ baseUrl: server.url, token: config.token });
    ws = config.workspaceId;
  });
  afterAll(async () => {
    await server?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('lists, answers (from the draft), edits, shows who answered, and skips', async () => {
    const me = await client.me.get();
    const c = await client.checkins.create(ws, { name: 'Weekly', question: 'What did you work on?', recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=FR', timeZone: 'UTC', start: '2026-01-02T16:00' }, participantIds: [me.id] });
    const list = await run('checkins');
    expect(list, list.err).toMatchObject({ code: 0 });
    expect(list.out).toMatch(/Weekly\s+FREQ=WEEKLY;BYDAY=FR\s+16:00\s+1\s+workspace/);
    expect((await run('checkins', 'answer', 'weekly', 'hello')).code).toBe(5);

    const occ = await client.checkins.askNow(c.id);
    const drafted = await run('checkins', 'answer', 'Weekly', '--draft');
    expect(drafted, drafted.err).toMatchObject({ code: 0, out: `Answered Weekly of ${occ.date}.\n` });
    const edit = await run('checkins', 'answer', 'Weekly', 'Shipped', 'the', '**runbook**');
    expect(edit, edit.err).toMatchObject({ code: 0, out: `Updated Weekly of ${occ.date}.\n` });
    const page = await client.checkins.occurrence(c.id, occ.id);
    expect(page.answers).toMatchObject([{ userId: me.id, body: 'Shipped the **runbook**', version: 2 }]);

    const show = await run('checkins', 'show', 'Weekly', '--date', 'latest');
    expect(show.code).toBe(0);
    expect(show.out).toContain('Answered: Ana');
    expect(show.out).toContain('Shipped the **runbook**');
    expect((await run('checkins', 'show', 'Weekly')).out).toMatch(new RegExp(`${occ.date}\\s+1\\s+0\\s+0\\s+answered`));

    const skip = await run('checkins', 'answer', 'Weekly', '--skip');
    expect(skip.code).toBe(6); // ALREADY_ANSWERED is a 409: the conflict status
    expect(skip.err).toMatch(/^error ALREADY_ANSWERED: /);
    expect((await run('checkins', 'answer', 'Weekly')).code).toBe(2);
    expect((await run('checkins', 'answer', 'Weekly', '--date', '1999-01-01', 'x')).code).toBe(5);
    const json = JSON.parse((await run('checkins', 'show', 'Weekly', '--json')).out);
    expect(json.occurrences[0]).toMatchObject({ date: occ.date, myState: 'answered' });
  });

  it('saves an item as a template, lists templates and applies one', async () => {
    const ops = (await client.spaces.list(ws)).data[0];
    const root = await client.items.create(ops.id, { title: 'Onboard', priority: 'high' });
    await client.items.create(ops.id, { title: 'Laptop', parentId: root.id });
    const saved = await run('templates', 'save', root.key, '--name', 'Onboarding');
    expect(saved, saved.err).toMatchObject({ code: 0, out: `Saved ${root.key} as the template "Onboarding".\n` });
    await client.templates.create(ws, { kind: 'space', name: 'Support desk', content: { statuses: [{ name: 'New', category: 'todo' }, { name: 'Solved', category: 'done' }] } });
    const list = await run('templates');
    expect(list.out).toMatch(/Onboarding\s+item/);
    expect(list.out).toMatch(/Support desk\s+space/);

    const applied = await run('templates', 'apply', 'onboarding', '--space', 'OPS', '--title', 'Onboard Bo');
    expect(applied, applied.err).toMatchObject({ code: 0, out: 'Created OPS-3: Onboard Bo with 1 subitem.\n' });
    const space = await run('templates', 'apply', 'Support desk', '--key', 'sup', '--name', 'Support');
    expect(space, space.err).toMatchObject({ code: 0, out: 'Created space SUP (Support) with statuses: New, Solved.\n' });
    expect((await run('templates', 'apply', 'Onboarding')).code).toBe(2);
    expect((await run('templates', 'apply', 'Nope', '--space', 'OPS')).code).toBe(5);
  });
});
