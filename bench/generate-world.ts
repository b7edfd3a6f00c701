import { type Database, newId } from '@weft/db';
import { DEFAULT_WORKFLOW } from '@weft/domain';
import type { Kysely } from 'kysely';
import { LABELS, SPACE_COUNT, spaceKey, TIERS, USER_COUNT } from './generate-data';

export type GenSpace = { id: string; key: string; seq: number; statuses: Array<{ id: string; category: string }> };
export type World = {
  users: string[];
  labels: string[];
  field: { id: string; options: string[] };
  spaces: GenSpace[];
};

/**
 * The fixed part of the scale workspace (20 people, 50 spaces with the default workflow,
 * 30 labels, a select field "Customer tier"): created on the first step, read back on later ones.
 */
export async function ensureWorld(db: Kysely<Database>, workspaceId: string, ownerId: string, now: string): Promise<World> {
  const existing = await db.selectFrom('members').select('user_id').where('workspace_id', '=', workspaceId).orderBy('user_id').execute();
  const users = existing.map((m) => m.user_id);
  if (users.length < USER_COUNT) {
    const fresh = Array.from({ length: USER_COUNT - users.length }, (_, i) => ({
      id: newId(),
      email: `bench-${workspaceId.slice(-8)}-${i}@example.test`,
      name: `Bench Person ${i + 1}`,
      password_hash: 'x',
      time_zone: 'UTC',
      created_at: now,
      updated_at: now,
      version: 1,
    }));
    await db.insertInto('users').values(fresh).execute();
    await db
      .insertInto('members')
      .values(fresh.map((u) => ({ workspace_id: workspaceId, user_id: u.id, role: 'member', created_at: now, version: 1 })))
      .execute();
    users.push(...fresh.map((u) => u.id));
  }
  if (!users.includes(ownerId)) throw new Error('the bench user must be a member of the scale workspace');

  let labels = await db.selectFrom('labels').select('id').where('workspace_id', '=', workspaceId).orderBy('name').execute();
  if (labels.length === 0) {
    const rows = LABELS.map((name) => ({ id: newId(), workspace_id: workspaceId, name, color: null, created_at: now, version: 1 }));
    await db.insertInto('labels').values(rows).execute();
    labels = rows;
  }

  let field = await db.selectFrom('fields').select(['id', 'options']).where('workspace_id', '=', workspaceId).where('name', '=', 'Customer tier').executeTakeFirst();
  if (!field) {
    const options = JSON.stringify(TIERS.map((name) => ({ id: newId(), name })));
    field = { id: newId(), options };
    await db
      .insertInto('fields')
      .values({ id: field.id, workspace_id: workspaceId, space_id: null, name: 'Customer tier', type: 'select', options, position: 0, created_at: now, version: 1 })
      .execute();
  }
  const options = (JSON.parse(field.options) as Array<{ id: string }>).map((o) => o.id);

  return { users, labels: labels.map((l) => l.id), field: { id: field.id, options }, spaces: await ensureSpaces(db, workspaceId, ownerId, now) };
}

async function ensureSpaces(db: Kysely<Database>, workspaceId: string, ownerId: string, now: string): Promise<GenSpace[]> {
  const keys = Array.from({ length: SPACE_COUNT }, (_, i) => spaceKey(i));
  const have = await db.selectFrom('spaces').select('key').where('workspace_id', '=', workspaceId).where('key', 'in', keys).execute();
  const missing = keys.filter((k) => !have.some((h) => h.key === k));
  for (const key of missing) {
    const id = newId();
    await db
      .insertInto('spaces')
      .values({
        id, workspace_id: workspaceId, key, name: `Space ${key}`, kind: 'stream', description: '', visibility: 'workspace',
        goal: null, start_date: null, target_date: null, lead_id: null, project_status: null, item_seq: 0, archived_at: null,
        created_at: now, updated_at: now, version: 1,
      })
      .execute();
    await db.insertInto('space_members').values({ space_id: id, user_id: ownerId, created_at: now }).execute();
    await db
      .insertInto('statuses')
      .values(DEFAULT_WORKFLOW.map((s, i) => ({ id: newId(), space_id: id, name: s.name, category: s.category, position: i, color: null })))
      .execute();
  }
  const spaces = await db.selectFrom('spaces').select(['id', 'key', 'item_seq']).where('workspace_id', '=', workspaceId).where('key', 'in', keys).execute();
  const statuses = await db
    .selectFrom('statuses')
    .select(['id', 'space_id', 'category'])
    .where('space_id', 'in', spaces.map((s) => s.id))
    .orderBy('space_id')
    .orderBy('position')
    .execute();
  return keys.map((key) => {
    const s = spaces.find((x) => x.key === key) as (typeof spaces)[number];
    return { id: s.id, key, seq: s.item_seq, statuses: statuses.filter((st) => st.space_id === s.id).map((st) => ({ id: st.id, category: st.category })) };
  });
}
