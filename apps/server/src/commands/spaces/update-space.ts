import type { SpacesTable } from '@weft/db';
import { UpdateSpaceInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { authorize } from '../../policies/policy';
import { spacePolicy } from '../../policies/space.policy';
import { presentOneSpace } from '../../presenters/space';
import { spaceAccess } from '../../queries/access';
import { withTx } from '../../tx';
import { requireVersion, versionConflict } from '../versioned';
import { checkProjectFields, requireWorkspaceMembers } from './space-checks';

const COLUMNS = {
  name: 'name',
  description: 'description',
  visibility: 'visibility',
  goal: 'goal',
  startDate: 'start_date',
  targetDate: 'target_date',
  leadId: 'lead_id',
  projectStatus: 'project_status',
} as const satisfies Record<string, keyof SpacesTable>;

/** Renames, re-describes, re-dates or archives a space, from the version the caller saw. */
export async function updateSpace(ctx: Ctx, spaceId: string, raw: z.input<typeof UpdateSpaceInput>) {
  const input = UpdateSpaceInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { space, m, subject } = await spaceAccess(tx.db, ctx.actor, spaceId);
    authorize(spacePolicy, 'space.update', m, subject, { canRead: true, notFound: 'SPACE_NOT_FOUND' });
    const version = requireVersion(input.version);
    if (space.version !== version) versionConflict(await presentOneSpace(tx.db, m, space));
    checkProjectFields(space.kind, input, {
      startDate: input.startDate !== undefined ? input.startDate : space.start_date,
      targetDate: input.targetDate !== undefined ? input.targetDate : space.target_date,
    });
    if (input.leadId) await requireWorkspaceMembers(tx.db, space.workspace_id, [input.leadId], 'body.leadId');

    const set: Partial<SpacesTable> = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [field, col] of Object.entries(COLUMNS) as Array<[keyof typeof COLUMNS, (typeof COLUMNS)[keyof typeof COLUMNS]]>) {
      const to = input[field];
      if (to === undefined || to === space[col]) continue;
      (set as Record<string, unknown>)[col] = to;
      changes[field] = { from: space[col], to };
    }
    let archived: boolean | null = null;
    if (input.archived !== undefined && input.archived !== (space.archived_at !== null)) {
      archived = input.archived;
      set.archived_at = input.archived ? tx.now : null;
    }
    if (Object.keys(set).length === 0) return { space, m };

    const updated = await tx.db
      .updateTable('spaces')
      .set({ ...set, updated_at: tx.now, version: version + 1 })
      .where('id', '=', spaceId)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) versionConflict(await presentOneSpace(tx.db, m, await tx.db.selectFrom('spaces').selectAll().where('id', '=', spaceId).executeTakeFirstOrThrow()));
    const base = { workspaceId: space.workspace_id, spaceId };
    if (Object.keys(changes).length) await appendEvent(tx, { ...base, type: 'space.updated', data: { changes } });
    if (archived === true) await appendEvent(tx, { ...base, type: 'space.archived', data: { key: space.key } });
    if (archived === false) await appendEvent(tx, { ...base, type: 'space.updated', data: { changes: { archivedAt: { from: space.archived_at, to: null } } } });
    return { space: updated, m };
  });
}
