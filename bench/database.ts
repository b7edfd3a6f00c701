import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type BenchDatabase = { dataDir: string; databaseUrl: string; env: Record<string, string>; dispose(): Promise<void> };

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A fresh data folder, and on PostgreSQL a fresh database `weft_bench_<random>`; both are removed
 * by dispose(), so runs never see each other's data.
 */
export async function createBenchDatabase(kind: 'sqlite' | 'postgres'): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'weft-bench-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (kind === 'sqlite') {
    const databaseUrl = `sqlite:${join(dataDir, 'weft.db')}`;
    return { dataDir, databaseUrl, env: {}, dispose: async () => removeDir() };
  }
  const name = `weft_bench_${randomBytes(4).toString('hex')}`;
  await admin(`create database ${name}`);
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/${name}`;
  return {
    dataDir,
    databaseUrl,
    env: { DATABASE_URL: databaseUrl },
    async dispose() {
      removeDir();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
