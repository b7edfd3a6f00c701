import { createTestDb, type Dialect } from '@weft/db';
import type { Role } from '@weft/domain';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../app';
import { argon2Hasher } from '../auth/password';
import { manualClock } from '../clock';
import { type Config, loadConfig } from '../config';
import type { Deps } from '../context';
import { createDeps } from '../deps';

export type TestApp = {
  app: FastifyInstance;
  deps: Deps;
  clock: ReturnType<typeof manualClock>;
  dialect: Dialect;
  close(): Promise<void>;
};

/** A real app on a fresh database of the given dialect, with a manual clock and cheap password hashing. */
export async function testApp(dialect: Dialect, overrides: Partial<Config> = {}): Promise<TestApp> {
  const store = await createTestDb(dialect);
  const clock = manualClock();
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', WEFT_DATA_DIR: '/nonexistent-weft-test' }), webDist: null, authRateLimit: { max: 100_000, windowMs: 60_000 }, ...overrides };
  const deps = await createDeps(config, { store, clock, hasher: argon2Hasher({ memoryCost: 1024, timeCost: 1 }) });
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    deps,
    clock,
    dialect,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

export type TestUser = { id: string; email: string; name: string; headers: Record<string, string>; cookie: string };

let seq = 0;

/** Signs a new user up through the API; `headers` carry their session cookie. */
export async function buildUser(t: TestApp, overrides: { name?: string; email?: string; timeZone?: string } = {}): Promise<TestUser> {
  seq += 1;
  const name = overrides.name ?? `User ${seq}`;
  const email = overrides.email ?? `user${seq}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email, name, password: 'correct horse battery', timeZone: overrides.timeZone } });
  if (res.statusCode !== 201) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0];
  return { id: res.json().id, email, name, cookie, headers: { cookie } };
}

/** Creates a workspace owned by `owner`. */
export async function buildWorkspace(t: TestApp, owner: TestUser, name = 'Acme'): Promise<{ id: string; name: string }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/workspaces', headers: owner.headers, payload: { name } });
  if (res.statusCode !== 201) throw new Error(`workspace failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Adds a new user to a workspace with a role (test setup shortcut around the invite flow). */
export async function buildMember(t: TestApp, workspaceId: string, role: Role, overrides: { name?: string } = {}): Promise<TestUser> {
  const u = await buildUser(t, overrides);
  await t.deps.store.db.insertInto('members').values({ workspace_id: workspaceId, user_id: u.id, role, created_at: t.clock.now().toISOString(), version: 1 }).execute();
  return u;
}

/** Sends a JSON request as a user (or anonymously). */
export function call(t: TestApp, user: TestUser | null, method: string, url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: method as 'GET', url, headers: user?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as object }) });
}

/**
 * A digest of every table's rows (tables listed from the catalogue, so a table a later migration
 * adds is covered too): equal before and after a rejected request means nothing was written.
 */
export async function dbDigest(t: TestApp): Promise<string> {
  const db = t.deps.store.db;
  const list =
    t.dialect === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and sql not like 'create virtual%' order by name`
      : sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`;
  const parts: string[] = [];
  for (const { name } of (await list.execute(db)).rows) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
    parts.push(`${name}:${JSON.stringify(rows.map((r) => JSON.stringify(r)).sort())}`);
  }
  return parts.join('\n');
}
