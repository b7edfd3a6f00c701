import type { Ctx } from '../context';
import { atLeast, authorize } from '../policies/policy';
import { canReadDeletedSpace } from '../policies/space.policy';
import { workspacePolicy } from '../policies/workspace.policy';
import { presentEvent } from '../presenters/event';
import { membershipOf, readableSpaceIds } from './access';

/**
 * The workspace's event log after `since`, ascending, for programs that keep up by polling.
 * Only what the caller may see: events of spaces they can read, and workspace-level events
 * (no space) unless they are a guest. The visibility filter runs in SQL, so a page is never short
 * because of hidden events, and `nextSince` (the last seq returned) never skips a visible one.
 */
export async function listWorkspaceEvents(ctx: Ctx, workspaceId: string, page: { since: number; limit: number }) {
  const db = ctx.deps.store.db;
  const m = await membershipOf(db, ctx.actor, workspaceId);
  authorize(workspacePolicy, 'workspace.readEvents', m, null, { canRead: true, notFound: 'WORKSPACE_NOT_FOUND' });
  let q = db.selectFrom('events').selectAll().where('workspace_id', '=', workspaceId).where('id', '>', page.since);
  // Admins read every space, so their filter would only restate the workspace one.
  if (!atLeast(m, 'admin')) {
    const spaces = await readableSpaceIds(db, m);
    const guest = m.role === 'guest';
    if (guest && spaces.length === 0) return { data: [], nextSince: page.since };
    // A deleted space is in nobody's readable list any more: its `space.deleted` event is judged by
    // what it recorded (a page may then come back short, and nextSince still moves past it).
    q = q.where((eb) =>
      eb.or([...(spaces.length ? [eb('space_id', 'in', spaces)] : []), ...(guest ? [] : [eb('space_id', 'is', null)]), eb('type', '=', 'space.deleted')]),
    );
  }
  const rows = await q.orderBy('id').limit(page.limit).execute();
  const data = rows.map(presentEvent).filter((e) => e.type !== 'space.deleted' || canReadDeletedSpace(m, e.data));
  return { data, nextSince: rows.length ? Number(rows[rows.length - 1].id) : page.since };
}
