import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDialects } from '@weft/db';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildItem, buildSpace } from '../apps/server/src/test/factories';
import { buildUser, buildWorkspace, call, type TestApp, testApp } from '../apps/server/src/test/harness';
import { type Digester, digester } from './fuzz/digest';
import type { JsonSchema, Operation } from './fuzz/openapi';
import { loadOperations } from './fuzz/openapi';
import type { FuzzRequest } from './fuzz/request-arb';
import { newStats, problemFault, sendChecked } from './fuzz/run';
import { idKind, validArb } from './fuzz/schema-arb';
import { isPlainObject, Ref, setOwn, World } from './fuzz/world';

/**
 * Injection (issue 3): SQL metacharacters in every free-text string field of every route's body
 * and in every query-language value; path traversal in every id parameter and in static paths.
 * Invariants: never a 5xx, a refused request writes nothing (digest), a query never matches rows
 * it should not (a canary workspace's rows stay unseen and untouched), the schema is unchanged,
 * and the file system around the data and web directories is unchanged.
 */

const SQL = [
  "' OR '1'='1",
  "'; DROP TABLE items; --",
  '" OR ""="',
  "1; DELETE FROM users",
  "') OR ('a'='a",
  "%' --",
  "\\'; --",
  "x' UNION SELECT password_hash FROM users --",
  '$1 ? :name @p0',
  "'||(SELECT 1)||'",
  '/* */ -- `x`',
  "%_%'",
];

const TRAVERSAL = [
  '..%2F..%2F..%2Fetc%2Fpasswd',
  encodeURIComponent('../../../etc/passwd'),
  '%2e%2e%2f%2e%2e%2fpackage.json',
  '..%5C..%5Cwindows%5Cwin.ini',
  '%252e%252e%252f',
  '....%2F%2F....%2F%2Fetc%2Fpasswd',
  '%2Fetc%2Fpasswd',
  '%C0%AE%C0%AE%2F',
];

const api = '/api/v1';

/** Paths (as key lists) of the free-text string properties of a body schema: no ids, enums, formats or patterns. */
function textPaths(s: JsonSchema, route: string, at: string[] = []): string[][] {
  if (!s.properties || at.length > 1) return [];
  const out: string[][] = [];
  for (const [k, p] of Object.entries(s.properties)) {
    const options = p.anyOf ?? [p];
    for (const o of options) {
      const type = Array.isArray(o.type) ? o.type[0] : o.type;
      if (type === 'string' && !o.enum && !o.format && !o.pattern && !idKind(k, route) && k !== 'query' && k !== 'password' && k !== 'color') {
        out.push([...at, k]);
        break;
      }
      if (type === 'object' && o.properties) out.push(...textPaths(o, route, [...at, k]));
    }
  }
  return out;
}

/** A valid body for the operation (fixed seed), with every text property present. */
function baseBody(op: Operation, paths: string[][]): Record<string, unknown> {
  const [sample] = fc.sample(validArb(op.body as JsonSchema, '', op.path), { numRuns: 1, seed: 42 });
  const body = isPlainObject(sample) ? { ...sample } : {};
  for (const p of paths) if (p.length === 1 && !(p[0] in body)) setOwn(body, p[0], 'placeholder');
  return body;
}

function withAt(body: Record<string, unknown>, path: string[], value: string): Record<string, unknown> {
  const copy = { ...body };
  if (path.length === 1) {
    setOwn(copy, path[0], value);
    return copy;
  }
  const inner = isPlainObject(copy[path[0]]) ? { ...(copy[path[0]] as Record<string, unknown>) } : {};
  setOwn(inner, path[1], value);
  setOwn(copy, path[0], inner);
  return copy;
}

/** Table and column names as the catalogue lists them: a dropped or altered table shows here. */
async function schemaOf(t: TestApp): Promise<string> {
  const db = t.deps.store.db;
  if (t.dialect === 'sqlite') {
    const { rows } = await sql<{ name: string; sql: string | null }>`select name, sql from sqlite_master order by name`.execute(db);
    return JSON.stringify(rows);
  }
  const { rows } = await sql<{ t: string; c: string; d: string }>`
    select table_name as t, column_name as c, data_type as d from information_schema.columns
    where table_schema = current_schema() order by 1, 2`.execute(db);
  return JSON.stringify(rows);
}

/** Every row of the canary workspace: another owner's data that no request here may read or change. */
async function canaryRows(t: TestApp, ws: string, ownerId: string): Promise<string> {
  const db = t.deps.store.db;
  const parts = await Promise.all([
    db.selectFrom('workspaces').selectAll().where('id', '=', ws).execute(),
    db.selectFrom('spaces').selectAll().where('workspace_id', '=', ws).execute(),
    db.selectFrom('items').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    db.selectFrom('labels').selectAll().where('workspace_id', '=', ws).orderBy('id').execute(),
    db.selectFrom('users').selectAll().where('id', '=', ownerId).execute(),
  ]);
  return JSON.stringify(parts);
}

/** Names, sizes and modification times of every file under a directory. */
function tree(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const s = statSync(p);
        out.push(`${p} ${s.size} ${s.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return out.sort().join('\n');
}

const SECRET = `weft-injection-secret-${Math.random().toString(36).slice(2)}`;

describe.each(testDialects())('injection on %s', (dialect) => {
  let t: TestApp;
  let world: World;
  let digest: Digester;
  let ops: Operation[];
  let canaryWs: string;
  let canaryOwner: string;
  let canaryBefore: string;
  let schemaBefore: string;
  let root: string;
  let treeBefore: string;
  const stats = newStats();

  beforeAll(async () => {
    // The web app's directory holds an index.html and an asset; a secret file sits beside it, where
    // a traversal out of the static root would find it.
    root = mkdtempSync(join(tmpdir(), 'weft-injection-'));
    const dist = join(root, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Weft</title><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), SECRET);
    writeFileSync(join(root, 'package.json'), JSON.stringify({ secret: SECRET }));
    t = await testApp(dialect, { webDist: dist, dataDir: join(root, 'data') });
    world = await World.build(t);
    digest = digester(t);
    ops = await loadOperations(t);

    const other = await buildUser(t, { name: 'Canary Owner' });
    canaryOwner = other.id;
    canaryWs = (await buildWorkspace(t, other, 'Canary')).id;
    const space = await buildSpace(t, other, canaryWs, { key: 'CAN' });
    for (let i = 0; i < 3; i++) await buildItem(t, other, space.id, { title: `canary ${i}` });
    canaryBefore = await canaryRows(t, canaryWs, canaryOwner);
    schemaBefore = await schemaOf(t);
    treeBefore = tree(root);
  });

  afterAll(async () => {
    await t?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  // First, while the workspace holds no payload text: a free-text search may rightly find one once stored.
  it('SQL metacharacters as every query-language value match nothing and never leak another workspace', async () => {
    const keys = ['status', 'category', 'assignee', 'owner', 'label', 'type', 'priority', 'space', 'due', 'updated', 'parent', 'is', 'created', 'Fuzz text', 'sla'];
    const quote = (v: string) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
    const before = await digest.fresh();
    for (const payload of SQL) {
      const queries = [payload, quote(payload), ...keys.flatMap((k) => [`${k.includes(' ') ? quote(k) : k}:${quote(payload)}`, `${k.includes(' ') ? quote(k) : k}:${payload}`])];
      for (const q of queries) {
        const res = await call(t, world.owner, 'GET', `${api}/workspaces/${world.ws}/items?q=${encodeURIComponent(q)}`);
        expect(problemFault(res), `${q} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeNull();
        expect([200, 400], `${q} → ${res.statusCode} ${res.body.slice(0, 300)}`).toContain(res.statusCode);
        if (res.statusCode === 200) expect(res.json().data, q).toEqual([]);
        else expect(res.json().code).toBe('QUERY_INVALID');
      }
    }
    expect(await digest.fresh()).toBe(before);
  });

  it('SQL metacharacters in every free-text field of every body are refused cleanly or stored verbatim', async () => {
    let sent = 0;
    for (const op of ops) {
      if (!op.body || op.route.startsWith('POST /api/v1/auth/')) continue;
      const paths = textPaths(op.body, op.path);
      if (paths.length === 0) continue;
      const base = baseBody(op, paths);
      for (const path of paths) {
        for (const payload of SQL) {
          const req: FuzzRequest = {
            op,
            params: op.params.map((p) => new Ref(p.kind, 0)),
            query: '',
            body: { kind: 'json', value: withAt(base, path, payload) },
            label: `${path.join('.')} = ${payload}`,
            ...(op.method === 'PATCH' || op.method === 'DELETE' ? { ifMatch: '<current>' } : {}),
          };
          await sendChecked(world, digest, req, stats);
          sent += 1;
        }
      }
    }
    expect(sent).toBeGreaterThan(200);
    expect(stats.byClass['5xx'] ?? 0).toBe(0);
    // Something went in, not only refusals: the payloads reached the database as data.
    expect(stats.byClass['2xx'] ?? 0).toBeGreaterThan(50);
  }, 600_000);

  it('payloads stored as titles, comments and label names come back verbatim and match only themselves', async () => {
    const space = await buildSpace(t, world.owner, world.ws, { key: 'INJ' });
    for (const [i, payload] of SQL.entries()) {
      const title = `inj${i} ${payload}`;
      const item = await buildItem(t, world.owner, space.id, { title });
      const got = (await call(t, world.owner, 'GET', `${api}/items/${item.id}`)).json();
      expect(got.title).toBe(title);
      const comment = await call(t, world.owner, 'POST', `${api}/items/${item.id}/comments`, { body: payload });
      expect(comment.statusCode).toBe(201);
      expect(comment.json().body).toBe(payload);
      const label = await call(t, world.owner, 'POST', `${api}/workspaces/${world.ws}/labels`, { name: `l${i} ${payload}` });
      expect(label.statusCode).toBe(201);
      expect(label.json().name).toBe(`l${i} ${payload}`);
      const byLabel = await call(t, world.owner, 'GET', `${api}/workspaces/${world.ws}/items?q=${encodeURIComponent(`label:"l${i} ${payload.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`)}`);
      expect(byLabel.statusCode, byLabel.body).toBe(200);
      expect(byLabel.json().data).toEqual([]);
      const byTitle = await call(t, world.owner, 'GET', `${api}/workspaces/${world.ws}/items?q=${encodeURIComponent(`space:INJ inj${i}`)}`);
      expect(byTitle.statusCode, byTitle.body).toBe(200);
      expect(byTitle.json().data.map((x: { id: string }) => x.id)).toEqual([item.id]);
    }
  });

  it('path traversal in every id parameter of every route is a clean 4xx', async () => {
    const before = await digest.fresh();
    let sent = 0;
    for (const op of ops) {
      for (let p = 0; p < op.params.length; p++) {
        for (const bad of TRAVERSAL) {
          let i = 0;
          const path = op.path.replace(/\{[^}]+\}/g, () => {
            const at = i++;
            return at === p ? bad : encodeURIComponent(world.resolve(new Ref(op.params[at].kind, 0)));
          });
          const res = await t.app.inject({
            method: op.method as 'GET',
            url: path,
            headers: { ...world.owner.headers, ...(op.body ? { 'content-type': 'application/json' } : {}), 'if-match': '"1"' },
            ...(op.body ? { payload: '{}' } : {}),
          });
          sent += 1;
          expect(problemFault(res), `${op.method} ${path} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeNull();
          expect(res.statusCode, `${op.method} ${path} → ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
          expect(res.body).not.toContain(SECRET);
          expect(res.body).not.toContain('root:x:0:0');
        }
      }
    }
    expect(sent).toBeGreaterThan(300);
    expect(await digest.fresh()).toBe(before);
  }, 600_000);

  it('static paths never leave the web directory', async () => {
    const paths = [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/../../secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/assets/..%5c..%5csecret.txt',
      '/%252e%252e%252fsecret.txt',
      '/....//....//secret.txt',
      '/..%c0%afsecret.txt',
      '/assets/app.js%00.html',
      '/etc/passwd',
      '/%2fetc%2fpasswd',
    ];
    for (const p of paths) {
      const res = await t.app.inject({ method: 'GET', url: p });
      expect(res.statusCode, `${p} → ${res.statusCode}`).toBeLessThan(500);
      expect(res.body, p).not.toContain(SECRET);
      expect(res.body, p).not.toContain('root:x:0:0');
    }
    // The control: the asset and the SPA are served, so the refusals above are not a dead server.
    expect((await t.app.inject({ method: 'GET', url: '/assets/app.js' })).body).toBe('console.log(1)');
    expect((await t.app.inject({ method: 'GET', url: '/some/deep/link' })).body).toContain('<div id="root">');
  });

  it('afterwards: the schema, the canary workspace and the file system are unchanged', async () => {
    expect(await schemaOf(t)).toBe(schemaBefore);
    expect(await canaryRows(t, canaryWs, canaryOwner)).toBe(canaryBefore);
    expect(tree(root)).toBe(treeBefore);
  });
});
