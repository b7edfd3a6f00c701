import { createTestDb, type Dialect } from '@weft/db';
import type { Role } from '@weft/domain';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
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

/** A digest of every table's rows: equal before and after a rejected request means nothing was written. */
export async function dbDigest(t: TestApp): Promise<string> {
  const tables = ['users', 'workspaces', 'members', 'invites', 'teams', 'team_members', 'spaces', 'space_members', 'statuses', 'items', 'item_assignees', 'item_labels', 'item_links', 'item_homes', 'item_field_values', 'labels', 'fields', 'comments', 'views', 'events', 'api_tokens',
    // issue 4 areas
    'routines', 'routine_occurrences', 'intake_forms', 'intake_requests', 'working_calendars', 'sla_policies', 'templates',
    'checkins', 'checkin_participants', 'checkin_occurrences', 'checkin_prompts', 'checkin_answers', 'checkin_comments'] as const;
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await t.deps.store.db.selectFrom(table).selectAll().execute();
    parts.push(`${table}:${JSON.stringify(rows.map((r) => JSON.stringify(r)).sort())}`);
  }
  return parts.join('\n');
}
