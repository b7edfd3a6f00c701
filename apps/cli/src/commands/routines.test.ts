import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@weft/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../admin/test-server';
import { type Run, runWeft } from '../test-io';

describe('weft routines against a real server', () => {
  let server: TestServer;
  let home: string;
  const run = (...argv: string[]): Promise<Run> => runWeft({ XDG_CONFIG_HOME: home, WEFT_SERVER: server.url }, argv);

  beforeAll(async () => {
    server = await startTestServer();
    home = mkdtempSync(join(tmpdir(), 'weft-cli-routines-'));
    const email = 'ops@example.test';
    await createClient({ baseUrl: server.url }).auth.signup({ email, name: 'Ops Lead', password: 'correct horse battery', timeZone: 'America/New_York' });
    expect((await run('login', '--email', email, '--password', 'correct horse battery')).code).toBe(0);
    expect((await run('workspaces', 'create', 'Ops', '--slug', 'ops')).code).toBe(0);
    expect((await run('spaces', 'create', '--key', 'OPS', '--name', 'Operations')).code).toBe(0);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('adds, lists, previews, pauses and resumes a routine', async () => {
    const empty = await run('routines', 'list', '--space', 'OPS');
    expect(empty.out).toMatch(/No routines in OPS yet/);
    const added = await run('routines', 'add', '--space', 'OPS', '--name', 'Payroll', '--rule', 'FREQ=MONTHLY;BYMONTHDAY=-1', '--start', '2031-01-01T09:00', '--tz', 'Europe/Berlin', '--title', 'Payroll {{date:MMMM YYYY}}', '--lead-days', '2');
    expect(added, added.err).toMatchObject({ code: 0 });
    expect(added.out).toMatch(/Created routine "Payroll" in OPS/);
    expect(added.out).toMatch(/Next: 2031-01-31 08:00 UTC/);
    const list = await run('routines', 'list', '--space', 'OPS');
    expect(list.out).toMatch(/Payroll\s+FREQ=MONTHLY;BYMONTHDAY=-1\s+Europe\/Berlin\s+active\s+2031-01-31 08:00/);
    const preview = await run('routines', 'preview', 'payroll', '--space', 'OPS', '--count', '3');
    expect(preview, preview.err).toMatchObject({ code: 0 });
    expect(preview.out).toMatch(/2031-01-31\s+09:00\s+2031-01-31 03:00 America\/New_York\s+scheduled\s+Payroll January 2031/);
    expect(preview.out).toMatch(/2031-02-28\s+09:00/);
    const json = await run('routines', 'preview', 'Payroll', '--space', 'OPS', '--count', '2', '--json');
    expect(JSON.parse(json.out).occurrences).toHaveLength(2);
    expect((await run('routines', 'pause', 'Payroll', '--space', 'OPS')).out).toMatch(/Paused "Payroll"/);
    expect((await run('routines', 'list', '--space', 'OPS')).out).toMatch(/Payroll.*paused/);
    expect((await run('routines', 'resume', 'Payroll', '--space', 'OPS')).out).toMatch(/Resumed "Payroll"\. Next: 2031-01-31 08:00 UTC/);
  });

  it('exits 2 with the field for a bad rule, 5 for an unknown routine, 2 for missing flags', async () => {
    const bad = await run('routines', 'add', '--space', 'OPS', '--name', 'Bad', '--rule', 'FREQ=MONTHLY;BYMONTHDAY=40', '--start', '2031-01-01T09:00', '--tz', 'UTC', '--title', 'X');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^error VALIDATION_FAILED: .*BYMONTHDAY: 40 is not in 1\.\.31/);
    expect((await run('routines', 'preview', 'nope', '--space', 'OPS')).code).toBe(5);
    expect((await run('routines', 'add', '--space', 'OPS', '--name', 'Half')).code).toBe(2);
  });
});
