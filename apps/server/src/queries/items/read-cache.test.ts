import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changeMark, connect, migrateToLatest, testDialects, type WeftDb } from '@weft/db';
import type { Item } from '@weft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { argon2Hasher } from '../../auth/password';
import { manualClock } from '../../clock';
import { loadConfig } from '../../config';
import { createDeps } from '../../deps';
import { presentOneItem } from '../../presenters/item';
import { buildItem, buildSpace, statusIn } from '../../test/factories';
import { buildMember, buildUser, buildWorkspace, call, type TestApp, testApp, type TestUser } from '../../test/harness';
import { loadItemAccess } from './load-item';
import { readCacheStats } from './read-item';

const api = '/api/v1';

/**
 * The item answer cache (readItemJson): GET /items/:id answers from memory while the database's
 * change mark is unchanged. What it must never do is answer what the database no longer says, or
 * what another caller was shown. After every kind of change below, each caller's answer must
 * equal what the uncached general path (loadItemAccess + presentOneItem) computes at that moment.
 */
describe.each(testDialects())('item answer cache on %s', (dialect) => {
  let t: TestApp;
  let owner: TestUser;
  let member: TestUser;
  let guest: TestUser;
  let readOnly: TestUser;
  let ws: { id: string };
  let open: Awaited<ReturnType<typeof buildSpace>>;
  let secret: Awaited<ReturnType<typeof buildSpace>>;
  let a: Item;
  let b: Item;
  let hidden: Item;

  beforeAll(async () => {
    t = await testApp(dialect);
    owner = await buildUser(t);
    ws = await buildWorkspace(t, owner);
    member = await buildMember(t, ws.id, 'member');
    guest = await buildMember(t, ws.id, 'guest');
    open = await buildSpace(t, owner, ws.id, { key: 'OPN', memberIds: [guest.id] });
    secret = await buildSpace(t, owner, ws.id, { key: 'SEC', visibility: 'members' });
    const tok = await call(t, member, 'POST', `${api}/tokens`, { name: 'ro', readOnly: true });
    readOnly = { ...member, cookie: '', headers: { authorization: `Bearer ${tok.json().token}` } };
    a = await buildItem(t, owner, open.id, { title: 'A', assigneeIds: [member.id] });
    b = await buildItem(t, owner, open.id, { title: 'B' });
    hidden = await buildItem(t, owner, secret.id, { title: 'Hidden' });
    expect((await call(t, owner, 'POST', `${api}/items/${a.id}/links`, { kind: 'blocks', itemId: hidden.id })).statusCode).toBe(201);
  });
  afterAll(async () => t.close());

  /** What the uncached path answers now for this caller (null: not found for them). */
  async function truth(u: TestUser, ref: string): Promise<unknown> {
    const db = t.deps.store.db;
    const actor = { userId: u.id, tokenId: null, readOnly: u === readOnly };
    try {
      const { item, m } = await loadItemAccess(db, actor, ref);
      return JSON.parse(JSON.stringify(await presentOneItem(db, m, item)));
    } catch {
      return null;
    }
  }

  /** Every caller reads `a` (by id and by key) twice; each answer equals the truth. */
  async function allAgree(): Promise<void> {
    const current = (await call(t, owner, 'GET', `${api}/items/${a.id}`)).json() as Item;
    for (const u of [owner, member, guest, readOnly, owner, guest]) {
      for (const ref of [a.id, current.key]) {
        const res = await call(t, u, 'GET', `${api}/items/${ref}`);
        const want = await truth(u, ref);
        if (want === null) expect(res.statusCode, `${u.name} ${ref}`).toBe(404);
        else expect(res.json(), `${u.name} ${ref}`).toEqual(want);
      }
    }
  }

  it('serves repeated reads from memory on SQLite, and each caller their own answer', async () => {
    // the first pass fills (the read-only token's first use records its last use: a write, which
    // empties the cache), the second fills what that emptied, the third is all hits: 13 reads.
    await allAgree();
    await allAgree();
    const before = readCacheStats(t.deps.store.db);
    await allAgree();
    const after = readCacheStats(t.deps.store.db);
    if (dialect === 'sqlite') expect(after.hits - before.hits).toBe(13);
    else {
      // PostgreSQL's mark is the cluster's snapshot, which other test files' databases move all the
      // time: here a hit only needs two reads with no commit anywhere in between, sooner or later.
      let hit = after.hits > before.hits;
      for (let i = 0; i < 500 && !hit; i++) {
        const h0 = readCacheStats(t.deps.store.db).hits;
        await call(t, owner, 'GET', `${api}/items/${a.id}`);
        await call(t, owner, 'GET', `${api}/items/${a.id}`);
        hit = readCacheStats(t.deps.store.db).hits > h0;
      }
      expect(hit).toBe(true);
    }
    const asOwner = (await call(t, owner, 'GET', `${api}/items/${a.id}`)).json() as Item;
    const asGuest = (await call(t, guest, 'GET', `${api}/items/${a.id}`)).json() as Item;
    const asReadOnly = (await call(t, readOnly, 'GET', `${api}/items/${a.id}`)).json() as Item;
    expect(asOwner.links).toHaveLength(1);
    expect(asGuest.links).toHaveLength(0); // the link points into a space the guest cannot see
    expect(asReadOnly.abilities.update).toBe(false);
    expect(asOwner.abilities.update).toBe(true);
  });

  it('reads the tables anyway when the request says Cache-Control: no-cache', async () => {
    await call(t, owner, 'GET', `${api}/items/${a.id}`);
    const before = readCacheStats(t.deps.store.db);
    for (const value of ['no-cache', 'max-age=0', 'no-store']) {
      const res = await t.app.inject({ method: 'GET', url: `${api}/items/${a.id}`, headers: { ...owner.headers, 'cache-control': value } });
      expect(res.json()).toEqual(await truth(owner, a.id));
    }
    const after = readCacheStats(t.deps.store.db);
    expect(after.hits).toBe(before.hits);
    expect(after.misses - before.misses).toBe(3);
  });

  it('shows every kind of change on the very next read', async () => {
    const db = t.deps.store.db;
    /** Sends a change to `a` and keeps its new state (its version moves with every change). */
    const changeA = async (method: string, path: string, body?: object) => {
      const res = await call(t, owner, method, `${api}/items/${a.id}${path}`, body);
      if (res.statusCode < 300) a = res.json();
      return res;
    };
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['title', () => changeA('PATCH', '', { version: a.version, title: 'A renamed' })],
      ['assignees', () => changeA('PATCH', '', { version: a.version, assigneeIds: [owner.id] })],
      ['status', () => changeA('PATCH', '', { version: a.version, statusId: statusIn(open, 'in_progress') })],
      ['incoming link', () => call(t, owner, 'POST', `${api}/items/${b.id}/links`, { kind: 'relates', itemId: a.id })],
      ['linked item renamed', () => call(t, owner, 'PATCH', `${api}/items/${b.id}`, { version: b.version, title: 'B renamed' })],
      ['subitem', () => buildItem(t, owner, open.id, { title: 'Child', parentId: a.id })],
      ['another home', () => changeA('PATCH', '', { version: a.version, alsoInSpaceIds: [secret.id] })],
      ['secret space opened to the workspace', () => patchSpace(secret.id, { visibility: 'workspace' })],
      ['space made members-only', () => patchSpace(open.id, { visibility: 'members' })],
      ['member leaves', () => call(t, owner, 'DELETE', `${api}/workspaces/${ws.id}/members/${member.id}`)],
      ['moved to another space', () => changeA('POST', '/move', { version: a.version, spaceId: secret.id })],
      ['trashed', () => changeA('DELETE', '')],
      ['restored', () => changeA('POST', '/restore')],
      ['written past the API', () => db.updateTable('items').set({ title: 'Set in SQL' }).where('id', '=', a.id).execute()],
    ];
    async function patchSpace(id: string, body: object) {
      const { version } = (await call(t, owner, 'GET', `${api}/spaces/${id}`)).json() as { version: number };
      return call(t, owner, 'PATCH', `${api}/spaces/${id}`, { ...body, version });
    }
    for (const [name, step] of steps) {
      const r = (await step()) as { statusCode?: number };
      if (r && typeof r.statusCode === 'number') expect(r.statusCode, name).toBeLessThan(300);
      await allAgree();
    }
    const final = (await call(t, owner, 'GET', `${api}/items/${a.id}`)).json() as Item;
    expect(final.title).toBe('Set in SQL');
    expect((await call(t, member, 'GET', `${api}/items/${a.id}`)).statusCode).toBe(404);
  });

  it('a change racing a read is never served afterwards', async () => {
    for (let i = 0; i < 20; i++) {
      const cur = (await call(t, owner, 'GET', `${api}/items/${a.id}`)).json() as Item;
      const [, , patched] = await Promise.all([
        call(t, owner, 'GET', `${api}/items/${a.id}`),
        call(t, guest, 'GET', `${api}/items/${a.id}`),
        call(t, owner, 'PATCH', `${api}/items/${a.id}`, { version: cur.version, title: `Race ${i}` }),
        call(t, owner, 'GET', `${api}/items/${a.key}`),
      ]);
      expect(patched.statusCode).toBe(200);
      const after = (await call(t, owner, 'GET', `${api}/items/${a.id}`)).json() as Item;
      expect(after.title).toBe(`Race ${i}`);
      expect(after).toEqual(await truth(owner, a.id));
    }
  });

  it('a revoked token is refused at once even with its answers cached', async () => {
    const tok = await call(t, owner, 'POST', `${api}/tokens`, { name: 'soon gone' });
    const holder: TestUser = { ...owner, cookie: '', headers: { authorization: `Bearer ${tok.json().token}` } };
    expect((await call(t, holder, 'GET', `${api}/items/${a.id}`)).statusCode).toBe(200);
    expect((await call(t, holder, 'GET', `${api}/items/${a.id}`)).statusCode).toBe(200);
    expect((await call(t, owner, 'DELETE', `${api}/tokens/${tok.json().id}`)).statusCode).toBe(200);
    expect((await call(t, holder, 'GET', `${api}/items/${a.id}`)).statusCode).toBe(401);
  });
});

/**
 * Another server process on the same PostgreSQL database (a second pool): its commit moves the
 * snapshot this process reads with the access epoch, so the next read answers it.
 */
describe.skipIf(!testDialects().includes('postgres'))('item answer cache with another pool writing the PostgreSQL database', () => {
  let t: TestApp;
  let other: WeftDb;
  beforeAll(async () => {
    t = await testApp('postgres');
    other = connect({ url: t.deps.store.url, poolSize: 2 });
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  it('answers the other pool\'s committed change on the next read, also a removed membership', async () => {
    const owner = await buildUser(t);
    const ws = await buildWorkspace(t, owner);
    const s = await buildSpace(t, owner, ws.id, { key: 'PGO' });
    const it0 = await buildItem(t, owner, s.id, { title: 'Before' });
    for (let round = 0; round < 5; round++) {
      expect((await call(t, owner, 'GET', `${api}/items/${it0.id}`)).json().title).not.toBe(`Elsewhere ${round}`);
      await other.db.updateTable('items').set({ title: `Elsewhere ${round}` }).where('id', '=', it0.id).execute();
      expect((await call(t, owner, 'GET', `${api}/items/${it0.id}`)).json().title).toBe(`Elsewhere ${round}`);
    }
    await other.db.deleteFrom('members').where('workspace_id', '=', ws.id).where('user_id', '=', owner.id).execute();
    expect((await call(t, owner, 'GET', `${api}/items/${it0.id}`)).statusCode).toBe(404);
  });

  it('a transaction still open while an answer is cached is seen once it commits, even when a later one committed first', async () => {
    // The snapshot's xmax does not move when an older transaction commits after a newer one did:
    // only its in-progress list does. A mark of xmax alone would serve the stale answer here.
    const owner = await buildUser(t);
    const ws = await buildWorkspace(t, owner);
    const s = await buildSpace(t, owner, ws.id, { key: 'PGT' });
    const it0 = await buildItem(t, owner, s.id, { title: 'Before' });
    const other1 = await buildItem(t, owner, s.id, { title: 'Other' });
    let release = () => {};
    const gate = new Promise<void>((ok) => {
      release = ok;
    });
    let written = () => {};
    const wrote = new Promise<void>((ok) => {
      written = ok;
    });
    const slow = other.db.transaction().execute(async (tx) => {
      await tx.updateTable('items').set({ title: 'Slow' }).where('id', '=', it0.id).execute();
      written();
      await gate;
    });
    await wrote;
    await other.db.updateTable('items').set({ title: 'Quick' }).where('id', '=', other1.id).execute();
    expect((await call(t, owner, 'GET', `${api}/items/${it0.id}`)).json().title).toBe('Before');
    expect((await call(t, owner, 'GET', `${api}/items/${it0.id}`)).json().title).toBe('Before');
    release();
    await slow;
    expect((await call(t, owner, 'GET', `${api}/items/${it0.id}`)).json().title).toBe('Slow');
  });
});

/**
 * Another process writing to the same SQLite file (a second server, the CLI, a repair by hand):
 * its commit moves `data_version`, so this process's cache stops answering at once.
 */
describe('item answer cache with another connection writing the SQLite file', () => {
  let dir: string;
  let store: WeftDb;
  let other: WeftDb;
  let t: TestApp;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-read-cache-'));
    const url = `sqlite:${join(dir, 'weft.db')}`;
    store = connect({ url });
    await migrateToLatest(store.db, 'sqlite');
    other = connect({ url });
    const clock = manualClock();
    const config = { ...loadConfig({ LOG_LEVEL: 'silent', WEFT_DATA_DIR: dir }), webDist: null };
    const deps = await createDeps(config, { store, clock, hasher: argon2Hasher({ memoryCost: 1024, timeCost: 1 }) });
    const app = await buildApp(deps);
    await app.ready();
    t = { app, deps, clock, dialect: 'sqlite', close: async () => app.close() };
  });
  afterAll(async () => {
    await t.close();
    await other.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('moves the mark on its own writes and on the other connection commits, never on reads', async () => {
    const owner = await buildUser(t);
    const ws = await buildWorkspace(t, owner);
    const s = await buildSpace(t, owner, ws.id, { key: 'FIL' });
    const it0 = await buildItem(t, owner, s.id, { title: 'Before' });
    const m0 = changeMark(store.db);
    await call(t, owner, 'GET', `${api}/items/${it0.id}`);
    await other.db.selectFrom('items').select('id').execute();
    expect(changeMark(store.db)).toBe(m0);
    const hits = readCacheStats(store.db).hits;
    expect((await call(t, owner, 'GET', `${api}/items/${it0.id}`)).json().title).toBe('Before');
    expect(readCacheStats(store.db).hits).toBe(hits + 1);

    await other.db.updateTable('items').set({ title: 'Changed elsewhere' }).where('id', '=', it0.id).execute();
    expect(changeMark(store.db)).not.toBe(m0);
    expect((await call(t, owner, 'GET', `${api}/items/${it0.id}`)).json().title).toBe('Changed elsewhere');

    const m1 = changeMark(store.db);
    await store.db.transaction().execute(async (tx) => {
      await tx.updateTable('items').set({ title: 'Mine' }).where('id', '=', it0.id).execute();
      expect(changeMark(store.db)).toBeNull(); // no cache while a transaction holds the connection
    });
    expect(changeMark(store.db)).not.toBe(m1);
    expect((await call(t, owner, 'GET', `${api}/items/${it0.id}`)).json().title).toBe('Mine');

    // a removed membership, written by the other connection, is seen at once too
    await other.db.deleteFrom('members').where('workspace_id', '=', ws.id).where('user_id', '=', owner.id).execute();
    expect((await call(t, owner, 'GET', `${api}/items/${it0.id}`)).statusCode).toBe(404);
  });
});
