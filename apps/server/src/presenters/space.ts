import type { Database, SpacesTable, StatusesTable } from '@weft/db';
import type { ExpressionBuilder } from 'kysely';
import type { PROJECT_STATUSES, SPACE_KINDS, SPACE_VISIBILITIES, StatusCategory } from '@weft/domain';
import type { Db, Membership } from '../context';
import { abilitiesOf } from '../policies/policy';
import { spacePolicy, type SpaceSubject } from '../policies/space.policy';
import { inChunks, spaceSubjects } from './item';

export function presentStatus(s: StatusesTable) {
  return { id: s.id, spaceId: s.space_id, name: s.name, category: s.category as StatusCategory, position: Number(s.position), color: s.color };
}

export type SpaceDetails = { statuses: StatusesTable[]; memberIds: string[]; progress: { total: number; done: number } };

/** A space in its API shape; projects also carry their progress. */
export function presentSpace(s: SpacesTable, d: SpaceDetails, m: Membership, subject: SpaceSubject) {
  return {
    id: s.id,
    workspaceId: s.workspace_id,
    key: s.key,
    name: s.name,
    kind: s.kind as (typeof SPACE_KINDS)[number],
    description: s.description,
    visibility: s.visibility as (typeof SPACE_VISIBILITIES)[number],
    goal: s.goal,
    startDate: s.start_date,
    targetDate: s.target_date,
    leadId: s.lead_id,
    projectStatus: s.project_status as (typeof PROJECT_STATUSES)[number] | null,
    statuses: d.statuses.map(presentStatus),
    memberIds: d.memberIds,
    ...(s.kind === 'project' ? { progress: d.progress } : {}),
    archivedAt: s.archived_at,
    version: Number(s.version),
    createdAt: s.created_at,
    updatedAt: s.updated_at,
    abilities: abilitiesOf(spacePolicy, m, subject),
  };
}

/** Statuses, members and (for projects) progress of many spaces, in three queries per chunk. */
export async function loadSpaceDetails(db: Db, spaces: readonly SpacesTable[]): Promise<Map<string, SpaceDetails>> {
  const ids = spaces.map((s) => s.id);
  const out = new Map<string, SpaceDetails>(ids.map((id) => [id, { statuses: [], memberIds: [], progress: { total: 0, done: 0 } }]));
  const projects = spaces.filter((s) => s.kind === 'project').map((s) => s.id);
  const [statuses, members, progress] = await Promise.all([
    inChunks(ids, (c) => db.selectFrom('statuses').selectAll().where('space_id', 'in', c).orderBy('position').orderBy('id').execute()),
    inChunks(ids, (c) => db.selectFrom('space_members').select(['space_id', 'user_id']).where('space_id', 'in', c).orderBy('created_at').orderBy('user_id').execute()),
    inChunks(projects, (c) => projectProgress(db, c)),
  ]);
  for (const s of statuses) out.get(s.space_id)?.statuses.push(s);
  for (const mm of members) out.get(mm.space_id)?.memberIds.push(mm.user_id);
  for (const p of progress) {
    const d = out.get(p.space_id);
    if (d) d.progress = { total: d.progress.total + Number(p.total), done: d.progress.done + Number(p.done ?? 0) };
  }
  return out;
}

/** Many spaces in their API shape, for one member. */
export async function presentSpaces(db: Db, m: Membership, spaces: readonly SpacesTable[]) {
  const [details, subjects] = await Promise.all([loadSpaceDetails(db, spaces), spaceSubjects(db, m, spaces.map((s) => s.id))]);
  return spaces.map((s) => presentSpace(s, details.get(s.id) as SpaceDetails, m, subjects.get(s.id) ?? { visibility: s.visibility, isSpaceMember: false }));
}

export async function presentOneSpace(db: Db, m: Membership, space: SpacesTable) {
  const [s] = await presentSpaces(db, m, [space]);
  return s;
}

/** Live items of each project, its own and those multi-homed into it (one row per space and source). */
async function projectProgress(db: Db, spaceIds: string[]) {
  const done = (eb: ExpressionBuilder<Database, 'items'>) => eb.fn.sum<number>(eb.case().when('items.status_category', '=', 'done').then(1).else(0).end()).as('done');
  const [own, homed] = await Promise.all([
    db
      .selectFrom('items')
      .select((eb) => ['items.space_id', eb.fn.countAll<number>().as('total'), done(eb)])
      .where('items.space_id', 'in', spaceIds)
      .where('items.deleted_at', 'is', null)
      .groupBy('items.space_id')
      .execute(),
    db
      .selectFrom('item_homes')
      .innerJoin('items', 'items.id', 'item_homes.item_id')
      .select((eb) => ['item_homes.space_id', eb.fn.countAll<number>().as('total'), done(eb as unknown as ExpressionBuilder<Database, 'items'>)])
      .where('item_homes.space_id', 'in', spaceIds)
      .where('items.deleted_at', 'is', null)
      .groupBy('item_homes.space_id')
      .execute(),
  ]);
  return [...own, ...homed];
}
