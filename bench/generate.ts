import { connect, type Database, type Dialect, migrateToLatest, newId } from '@weft/db';
import { generateNKeysBetween } from 'fractional-indexing';
import { type Kysely, sql, type Transaction } from 'kysely';
import * as d from './generate-data';
import { ensureWorld, type World } from './generate-world';

export type GenerateSpec = {
  databaseUrl: string;
  workspaceId: string;
  /** the bench user: one of the 20 people, so `assignee:me` finds work */
  ownerId: string;
  /** items already generated in this workspace (0 on the first step) */
  from: number;
  to: number;
  /** the first `boardSize` items all go to space BRD (the 5,000-item board) */
  boardSize: number;
};
export type GenerateResult = { items: number; rows: number; seconds: number };

const CHUNK = 5_000;

/**
 * Writes items straight into the server's database (the server must be stopped): going through
 * HTTP would take hours for a million items. Rows match what the commands write, including the
 * search index, positions and per-space numbers; no events are written (nothing reads history here).
 */
export async function generate(spec: GenerateSpec): Promise<GenerateResult> {
  const started = performance.now();
  const store = connect({ url: spec.databaseUrl, poolSize: 1 });
  try {
    await migrateToLatest(store.db, store.dialect);
    // Only this connection, only while generating: a crash here just means generating again.
    if (store.dialect === 'sqlite') {
      await sql`pragma synchronous = OFF`.execute(store.db);
      // A page cache big enough for the indexes of a million items (the machine has the memory).
      await sql`pragma cache_size = -2000000`.execute(store.db);
      await sql`pragma temp_store = memory`.execute(store.db);
    }
    const now = new Date().toISOString();
    const world = await ensureWorld(store.db, spec.workspaceId, spec.ownerId, now);
    const last = await lastPositions(store.db, store.dialect, spec.workspaceId);
    let rows = 0;
    for (let start = spec.from; start < spec.to; start += CHUNK) {
      const end = Math.min(spec.to, start + CHUNK);
      rows += await store.db.transaction().execute((trx) => insertChunk(trx, world, last, spec, start, end));
    }
    for (const s of world.spaces) await store.db.updateTable('spaces').set({ item_seq: s.seq }).where('id', '=', s.id).execute();
    // PostgreSQL's autovacuum would analyze the new rows within a minute anyway; do it now so the
    // first measurement does not depend on when it runs. SQLite has no automatic statistics.
    if (store.dialect === 'postgres') await sql`analyze`.execute(store.db);
    else await sql`pragma wal_checkpoint(TRUNCATE)`.execute(store.db);
    return { items: spec.to - spec.from, rows, seconds: (performance.now() - started) / 1000 };
  } finally {
    await store.close();
  }
}

/** The last position key of every status, so appended items go to the end of their column. */
async function lastPositions(db: Kysely<Database>, dialect: Dialect, workspaceId: string): Promise<Map<string, string>> {
  const col = dialect === 'postgres' ? sql<string>`max(position collate "C")` : sql<string>`max(position)`;
  const rows = await db.selectFrom('items').select(['status_id', col.as('pos')]).where('workspace_id', '=', workspaceId).groupBy('status_id').execute();
  return new Map(rows.filter((r) => r.pos !== null).map((r) => [r.status_id, r.pos]));
}

async function insertChunk(trx: Transaction<Database>, w: World, last: Map<string, string>, spec: GenerateSpec, start: number, end: number): Promise<number> {
  const r = d.rng(0x5eed + start);
  const nowMs = Date.now();
  const items: Database['items'][] = [];
  const search: Database['item_search'][] = [];
  const assignees: Database['item_assignees'][] = [];
  const labels: Database['item_labels'][] = [];
  const values: Database['item_field_values'][] = [];
  for (let i = start; i < end; i++) {
    const space = w.spaces[i < spec.boardSize ? 0 : 1 + ((i - spec.boardSize) % (w.spaces.length - 1))];
    const status = space.statuses[d.weighted(r, d.STATUS_WEIGHTS)];
    const id = newId();
    const number = ++space.seq;
    const created = nowMs - r() * 365 * d.DAY;
    const updated = Math.min(nowMs, created + r() * 30 * d.DAY);
    const title = d.title(r);
    const description = d.description(r);
    items.push({
      id, workspace_id: spec.workspaceId, space_id: space.id, number, key: `${space.key}-${number}`,
      type: d.TYPES[d.weighted(r, d.TYPE_WEIGHTS)], title, description, status_id: status.id, status_category: status.category,
      priority: d.weighted(r, d.PRIORITY_WEIGHTS), owner_id: r() < 0.2 ? d.pick(r, w.users) : null, parent_id: null,
      start_at: null, due_at: r() < 0.3 ? d.isoDay(nowMs + (r() * 105 - 45) * d.DAY) : null, estimate: r() < 0.3 ? Math.ceil(r() * 8) : null,
      position: '', created_by: d.pick(r, w.users), created_at: d.iso(created), updated_at: d.iso(updated),
      completed_at: status.category === 'done' ? d.iso(updated) : null, deleted_at: null, version: 1,
    });
    search.push({ item_id: id, workspace_id: spec.workspaceId, content: `${title}\n${description}` });
    const people = d.weighted(r, [10, 85, 5]);
    for (const user_id of new Set(Array.from({ length: people }, () => d.pick(r, w.users)))) assignees.push({ item_id: id, user_id });
    const nLabels = d.weighted(r, [15, 20, 35, 20, 10]);
    for (const label_id of new Set(Array.from({ length: nLabels }, () => d.pick(r, w.labels)))) labels.push({ item_id: id, label_id });
    if (r() < 0.4) values.push({ item_id: id, field_id: w.field.id, ord: 0, text_value: d.pick(r, w.field.options), num_value: null });
  }
  assignPositions(items, last);
  await insertMany(trx, 'items', items, 500);
  await insertMany(trx, 'item_search', search, 1000);
  await insertMany(trx, 'item_assignees', assignees, 2000);
  await insertMany(trx, 'item_labels', labels, 2000);
  await insertMany(trx, 'item_field_values', values, 1000);
  return items.length + search.length + assignees.length + labels.length + values.length;
}

/** Keys after the current last one of each status, in generation order. */
function assignPositions(items: Database['items'][], last: Map<string, string>): void {
  const byStatus = new Map<string, Database['items'][]>();
  for (const it of items) {
    const group = byStatus.get(it.status_id);
    if (group) group.push(it);
    else byStatus.set(it.status_id, [it]);
  }
  for (const [statusId, group] of byStatus) {
    const keys = generateNKeysBetween(last.get(statusId) ?? null, null, group.length);
    group.forEach((it, k) => {
      it.position = keys[k];
    });
    last.set(statusId, keys[keys.length - 1]);
  }
}

async function insertMany<T extends keyof Database>(trx: Transaction<Database>, table: T, rows: Database[T][], per: number): Promise<void> {
  for (let i = 0; i < rows.length; i += per) {
    // biome-ignore lint/suspicious/noExplicitAny: generic over tables; rows are typed by the caller
    await trx.insertInto(table).values(rows.slice(i, i + per) as any).execute();
  }
}
