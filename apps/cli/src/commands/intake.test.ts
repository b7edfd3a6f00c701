import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@weft/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../admin/test-server';
import { type Run, runWeft } from '../test-io';
import { parseFieldSpec } from './intake';

describe('weft forms against a real server', () => {
  let server: TestServer;
  let home: string;
  const run = (...argv: string[]): Promise<Run> => runWeft({ XDG_CONFIG_HOME: home, WEFT_SERVER: server.url }, argv);
  const json = async <T = Record<string, unknown>>(...argv: string[]): Promise<T> => {
    const r = await run(...argv, '--json');
    expect(r, r.err).toMatchObject({ code: 0, err: '' });
    return JSON.parse(r.out) as T;
  };

  beforeAll(async () => {
    server = await startTestServer();
    home = mkdtempSync(join(tmpdir(), 'weft-cli-forms-'));
    const email = 'desk@example.test';
    await createClient({ baseUrl: server.url }).auth.signup({ email, name: 'Desk Lead', password: 'correct horse battery' });
    expect((await run('login', '--email', email, '--password', 'correct horse battery')).code).toBe(0);
    expect((await run('workspaces', 'create', 'Desk', '--slug', 'desk')).code).toBe(0);
    expect((await run('spaces', 'create', '--key', 'HELP', '--name', 'Help')).code).toBe(0);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('parses --field specs and refuses bad ones as usage errors', () => {
    expect(parseFieldSpec('summary:short_text:Summary:title')).toEqual({ key: 'summary', kind: 'short_text', label: 'Summary', required: false, mapsTo: 'title' });
    expect(parseFieldSpec('team!:short_text:Team')).toEqual({ key: 'team', kind: 'short_text', label: 'Team', required: true });
    expect(() => parseFieldSpec('x:video:X')).toThrow(/kind must be one of/);
    expect(() => parseFieldSpec('x')).toThrow(/key:kind:Label/);
  });

  it('creates, lists and shows forms with their links; a bad form exits 2', async () => {
    const bad = await run('forms', 'create', '--space', 'HELP', '--name', 'Bad', '--field', 'team:short_text:Team');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^error VALIDATION_FAILED: .*title/);
    const created = await run('forms', 'create', '--space', 'HELP', '--name', 'IT help', '--public', '--field', 'summary:short_text:Summary:title', '--field', 'details:long_text:Details:description', '--field', 'team!:short_text:Team');
    expect(created, created.err).toMatchObject({ code: 0 });
    expect(created.out).toMatch(new RegExp(`Link: ${server.url}/api/v1/forms/[A-Za-z0-9_-]{22}`));
    const file = join(home, 'form.json');
    writeFileSync(file, JSON.stringify({ name: 'Access', fields: [{ key: 'what', label: 'What', kind: 'short_text', mapsTo: 'title' }, { key: 'level', label: 'Level', kind: 'choice', options: [{ value: 'read', label: 'Read' }] }] }));
    expect((await run('forms', 'create', '--space', 'HELP', '--from', file)).code).toBe(0);
    const list = await run('forms', 'list', '--space', 'HELP');
    expect(list.out).toMatch(/IT help\s+public\s+3\s+open/);
    expect(list.out).toMatch(/Access\s+internal\s+2\s+open/);
    const shown = await run('forms', 'show', 'it help', '--space', 'HELP');
    expect(shown.out).toMatch(/summary\s+short_text\s+Summary\s+yes\s+title/);
    expect((await run('forms', 'show', 'nope', '--space', 'HELP')).code).toBe(5);
  });

  it('lists requests, triages them and shows the public status', async () => {
    const [form] = (await json<Array<{ publicId: string; name: string }>>('forms', 'list', '--space', 'HELP')).filter((f) => f.name === 'IT help');
    const anon = createClient({ baseUrl: server.url });
    const a = await anon.forms.submit(form.publicId, { email: 'a@customer.example', values: { summary: 'VPN is down', team: 'Sales' } });
    const b = await anon.forms.submit(form.publicId, { email: 'b@customer.example', values: { summary: 'VPN down again', team: 'Sales' } });
    const c = await anon.forms.submit(form.publicId, { email: 'c@customer.example', values: { summary: 'Need a monitor', team: 'Ops' } });
    const queue = await run('forms', 'requests', '--space', 'HELP', '--state', 'triage');
    for (const r of [a, b, c]) expect(queue.out).toContain(r.reference);

    expect((await run('forms', 'accept', a.reference, '--status', 'In Progress')).out).toMatch(new RegExp(`${a.reference} \\(HELP-\\d+\\) is now accepted`));
    expect((await run('forms', 'merge', b.reference, '--into', a.reference)).out).toContain('is now merged');
    expect((await run('forms', 'decline', c.reference, '--reason', 'Order it from the shop.')).out).toContain('is now declined');
    expect((await run('forms', 'decline', c.reference, '--reason', 'again')).code).toBe(6); // REQUEST_ALREADY_TRIAGED: a 409, so the conflict status
    expect((await run('forms', 'accept', a.reference, '--status', 'Nowhere')).code).toBe(2);

    const status = await run('forms', 'status', b.reference);
    expect(status.out).toContain("Merged into another request, which is in progress");
    expect(status.out).not.toContain(a.reference);
    expect((await run('forms', 'status', c.reference)).out).toContain('Declined: Order it from the shop.');
    const accepted = await json<Array<{ reference: string; statusCategory: string }>>('forms', 'requests', '--space', 'HELP', '--state', 'accepted');
    expect(accepted).toEqual([expect.objectContaining({ reference: a.reference, statusCategory: 'in_progress' })]);
  });
});
