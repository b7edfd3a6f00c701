import type { CheckinDraft, Role } from '@weft/domain';
import type { Db } from '../../context';
import { readableSpaceIds } from '../../queries/access';

const DAY = 86_400_000;
const MAX = 20;
const OPEN = ['done', 'canceled'];

type DraftScope = { workspaceId: string; userId: string; spaceId: string | null; agingDays: number; from: string | null; to: string };
type Row = { id: string; key: string; title: string };

/**
 * What moved for one person between their previous prompt and this one, from the items and events
 * tables: items assigned to them that they completed, that entered an in-progress status, that
 * are blocked by open items, or that are open and untouched for `agingDays`. Only items of spaces
 * they can read (and of the check-in's space, when it has one). Each list holds at most 20.
 */
export async function computeDraft(db: Db, s: DraftScope): Promise<CheckinDraft> {
  const from = s.from ?? new Date(Date.parse(s.to) - 7 * DAY).toISOString();
  const member = await db.selectFrom('members').select('role').where('workspace_id', '=', s.workspaceId).where('user_id', '=', s.userId).executeTakeFirst();
  let spaces = member ? await readableSpaceIds(db, { workspaceId: s.workspaceId, userId: s.userId, role: member.role as Role, readOnly: true }) : [];
  if (s.spaceId) spaces = spaces.filter((id) => id === s.spaceId);
  if (spaces.length === 0) return draftOf(s, from, [], [], [], []);
  const mine = db.selectFrom('item_assignees').select('item_assignees.item_id').where('item_assignees.user_id', '=', s.userId);
  const items = () => db.selectFrom('items').select(['items.id', 'items.key', 'items.title']).where('items.id', 'in', mine).where('items.space_id', 'in', spaces).where('items.deleted_at', 'is', null);

  const completed = await items()
    .where('items.status_category', '=', 'done')
    .where('items.completed_at', '>', from)
    .where('items.completed_at', '<=', s.to)
    .orderBy('items.completed_at')
    .orderBy('items.id')
    .limit(MAX)
    .execute();
  const done = new Set(completed.map((c) => c.id));

  // "Started" is read from the event log: the moment an item's status category became in_progress.
  const moves = await db
    .selectFrom('events')
    .select(['item_id', 'data'])
    .where('workspace_id', '=', s.workspaceId)
    .where('type', 'in', ['item.updated', 'item.moved'])
    .where('created_at', '>', from)
    .where('created_at', '<=', s.to)
    .where('item_id', 'in', mine)
    .orderBy('id')
    .execute();
  const startedIds = [
    ...new Set(
      moves
        .filter((e) => (JSON.parse(e.data) as { changes?: { statusCategory?: { to?: string } } }).changes?.statusCategory?.to === 'in_progress')
        .map((e) => e.item_id as string)
        .filter((id) => !done.has(id)),
    ),
  ];
  const started = startedIds.length ? await items().where('items.id', 'in', startedIds).orderBy('items.key').limit(MAX).execute() : [];

  const open = () => items().where('items.status_category', 'not in', OPEN);
  const blockers = await db
    .selectFrom('item_links')
    .innerJoin('items as b', 'b.id', 'item_links.from_item_id')
    .select(['item_links.to_item_id as blockedId', 'b.key', 'b.title', 'b.space_id'])
    .where('item_links.kind', '=', 'blocks')
    .where('item_links.to_item_id', 'in', open().clearSelect().select('items.id'))
    .where('b.status_category', 'not in', OPEN)
    .where('b.deleted_at', 'is', null)
    .orderBy('b.key')
    .execute();
  const blockedIds = [...new Set(blockers.map((b) => b.blockedId))];
  const blockedRows = blockedIds.length ? await open().where('items.id', 'in', blockedIds).orderBy('items.key').limit(MAX).execute() : [];
  const blocked = blockedRows.map((r) => ({
    ...r,
    // A blocker in a space this person cannot read still blocks; it is named only if they can see it.
    blockedBy: blockers.filter((b) => b.blockedId === r.id && spaces.includes(b.space_id)).map((b) => ({ key: b.key, title: b.title })),
  }));

  const cutoff = new Date(Date.parse(s.to) - s.agingDays * DAY).toISOString();
  const agingRows = await open()
    .select('items.updated_at')
    .where('items.updated_at', '<=', cutoff)
    .$if(blockedIds.length > 0, (q) => q.where('items.id', 'not in', blockedIds))
    .orderBy('items.updated_at')
    .orderBy('items.id')
    .limit(MAX)
    .execute();
  const aging = agingRows.map((r) => ({ id: r.id, key: r.key, title: r.title, idleDays: Math.floor((Date.parse(s.to) - Date.parse(r.updated_at)) / DAY) }));
  return draftOf(s, from, completed, started, blocked, aging);
}

const item = (r: Row) => ({ itemId: r.id, key: r.key, title: r.title });

function draftOf(s: DraftScope, from: string, completed: Row[], started: Row[], blocked: Array<Row & { blockedBy: Array<{ key: string; title: string }> }>, aging: Array<Row & { idleDays: number }>): CheckinDraft {
  const lines: string[] = [];
  const section = (title: string, rows: string[]) => {
    if (rows.length) lines.push(`**${title}**`, ...rows.map((r) => `- ${r}`), '');
  };
  section('Completed', completed.map((r) => `${r.key} ${r.title}`));
  section('Started', started.map((r) => `${r.key} ${r.title}`));
  section('Blocked', blocked.map((r) => `${r.key} ${r.title}${r.blockedBy.length ? ` (waiting on ${r.blockedBy.map((b) => b.key).join(', ')})` : ''}`));
  section('Not moving', aging.map((r) => `${r.key} ${r.title} (${r.idleDays} days without a change)`));
  return {
    from,
    to: s.to,
    completed: completed.map(item),
    started: started.map(item),
    blocked: blocked.map((r) => ({ ...item(r), blockedBy: r.blockedBy })),
    aging: aging.map((r) => ({ ...item(r), idleDays: r.idleDays })),
    markdown: lines.join('\n').trim(),
  };
}
