import { UpdateViewInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { viewPolicy } from '../../policies/config.policy';
import { authorize } from '../../policies/policy';
import { presentView } from '../../presenters/config';
import { viewAccess } from '../../queries/config';
import { withTx } from '../../tx';
import { requireVersion, versionConflict } from '../versioned';
import { validateViewQuery } from './validate-view-query';

/** Changes a saved view's name, query, layout, options or sharing, from the version the caller saw. */
export async function updateView(ctx: Ctx, viewId: string, raw: z.input<typeof UpdateViewInput>) {
  const input = UpdateViewInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { view, m, subject } = await viewAccess(tx.db, ctx.actor, viewId);
    authorize(viewPolicy, 'view.update', m, subject, { canRead: true, notFound: 'VIEW_NOT_FOUND' });
    const sharing = input.shared !== undefined && input.shared !== subject.shared;
    if (sharing) authorize(viewPolicy, 'view.share', m, subject, { canRead: true, notFound: 'VIEW_NOT_FOUND' });
    const version = requireVersion(input.version);
    if (input.query !== undefined) await validateViewQuery(input.query);
    const row = await tx.db
      .updateTable('views')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.query !== undefined ? { query: input.query } : {}),
        ...(input.layout !== undefined ? { layout: input.layout } : {}),
        ...(input.options !== undefined ? { options: JSON.stringify(input.options) } : {}),
        ...(sharing ? { shared: input.shared ? 1 : 0 } : {}),
        updated_at: tx.now,
        version: version + 1,
      })
      .where('id', '=', viewId)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!row) versionConflict(presentView(view, m, subject));
    const now = sharing ? { ...subject, shared: row.shared === 1 } : subject;
    await appendEvent(tx, { type: 'view.updated', workspaceId: view.workspace_id, spaceId: view.space_id, data: { viewId, name: input.name, query: input.query, layout: input.layout, shared: sharing ? input.shared : undefined } });
    return { row, m, subject: now };
  });
}
