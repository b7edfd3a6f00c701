import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runWeft } from '../test-io';

describe('weft seed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-seed-'));
  // A throwaway SQLite file; NORMAL sync because a test database need not survive a power cut.
  const env = { WEFT_DATA_DIR: dir, WEFT_SQLITE_SYNCHRONOUS: 'NORMAL', LOG_LEVEL: 'silent', PORT: '3999' };
  const run = (...argv: string[]) => runWeft(env, argv);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('asks what to seed', async () => {
    const r = await run('seed');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error USAGE: .*--demo/);
  });

  it('seeds the demo once, prints the login and the URL, then refuses', async () => {
    const first = await run('seed', '--demo');
    expect(first, first.err).toMatchObject({ code: 0, err: '' });
    expect(first.out).toContain('200 items');
    expect(first.out).toContain('http://127.0.0.1:3999');
    expect(first.out).toMatch(/email:\s+demo@weft\.local/);
    expect(first.out).toMatch(/password:\s+weft-demo-1234/);
    const again = await run('seed', '--demo');
    expect(again.code).toBe(6); // ALREADY_EXISTS is a 409: the conflict status
    expect(again.err).toMatch(/^error ALREADY_EXISTS: the demo is already seeded/);
    // A file database and production password hashing: slower than the in-memory seed test.
  }, 60_000);
});
