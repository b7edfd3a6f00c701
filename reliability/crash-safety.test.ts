import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { api, setupWorkspace, startServer } from './server-process';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);
const WRITERS = 16;

type Acked = { title: string; version: number };

/**
 * Kill -9 at random moments while 16 writers create and update items; after each restart every
 * acknowledged write must be there, intact, and the event log must have no gap.
 */
async function crashRounds(env: Record<string, string>) {
  let server = await startServer(env);
  const { token, workspaceId, spaceId } = await setupWorkspace(server.url);
  const acked = new Map<string, Acked>();
  let totalAcked = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const base = server.url;
    let stop = false;
    let firstAck: () => void = () => {};
    const acking = new Promise<void>((r) => {
      firstAck = r;
    });
    const writer = async (w: number) => {
      let mine: { id: string; version: number } | null = null;
      for (let i = 0; !stop; i++) {
        const title = `r${round}-w${w}-${i}`;
        try {
          if (!mine || i % 3 === 0) {
            const res = await api(base, 'POST', `/spaces/${spaceId}/items`, { token, body: { title } });
            if (res.status !== 201) throw new Error(`create answered ${res.status}: ${JSON.stringify(res.json)}`);
            mine = { id: res.json.id, version: res.json.version };
            acked.set(res.json.id, { title, version: res.json.version });
          } else {
            const res = await api(base, 'PATCH', `/items/${mine.id}`, { token, body: { title, version: mine.version } });
            if (res.status !== 200) throw new Error(`update answered ${res.status}: ${JSON.stringify(res.json)}`);
            mine.version = res.json.version;
            acked.set(mine.id, { title, version: res.json.version });
          }
          totalAcked += 1;
          firstAck();
        } catch (e) {
          if (stop) return; // the server died under this request: it was never acknowledged
          throw e;
        }
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
    // Kill at a random moment once writes are flowing (a cold PostgreSQL pool is slow to start).
    await Promise.race([acking, Promise.all(writers)]);
    await new Promise((r) => setTimeout(r, 50 + Math.floor(Math.random() * 500)));
    stop = true;
    await server.kill('SIGKILL');
    await Promise.all(writers);
    server = await startServer(env);
  }
  try {
    for (const [id, want] of acked) {
      const res = await api(server.url, 'GET', `/items/${id}`, { token });
      expect(res.status, `item ${id} lost`).toBe(200);
      // A write whose answer was lost in the crash may have committed on top: never older, though.
      expect(res.json.version).toBeGreaterThanOrEqual(want.version);
      if (res.json.version === want.version) expect(res.json.title).toBe(want.title);
    }
    const seqs: number[] = [];
    for (let since = 0; ; ) {
      const page = await api(server.url, 'GET', `/workspaces/${workspaceId}/events?since=${since}&limit=1000`, { token });
      expect(page.status).toBe(200);
      if (page.json.data.length === 0) break;
      for (const e of page.json.data) seqs.push(e.seq);
      since = seqs[seqs.length - 1];
    }
    for (let i = 1; i < seqs.length; i++) expect(seqs[i], 'gap in the event log').toBe(seqs[i - 1] + 1);
    return { rounds: ROUNDS, acknowledged: totalAcked, items: acked.size, events: seqs.length };
  } finally {
    await server.kill('SIGKILL');
  }
}

describe('crash safety (SIGKILL under 16 concurrent writers)', () => {
  it('loses no acknowledged write on SQLite', { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weft-crash-'));
    try {
      const r = await crashRounds({ WEFT_DATA_DIR: dir });
      console.log(`crash safety sqlite: ${JSON.stringify(r)}`);
      expect(r.acknowledged).toBeGreaterThan(ROUNDS);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loses no acknowledged write on PostgreSQL', { timeout: 300_000 }, async () => {
    const name = `weft_crash_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    await admin.query(`create database ${name}`);
    try {
      const r = await crashRounds({ DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${name}`, WEFT_DATA_DIR: tmpdir() });
      console.log(`crash safety postgres: ${JSON.stringify(r)}`);
      expect(r.acknowledged).toBeGreaterThan(ROUNDS);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
