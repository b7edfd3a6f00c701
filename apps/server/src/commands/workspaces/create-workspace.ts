import { isUniqueViolation, newId } from '@weft/db';
import { CreateWorkspaceInput, DEFAULT_ITEM_TYPES, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { withTx } from '../../tx';

function slugify(name: string): string {
  const s = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return s.length >= 2 ? s : `ws-${s}`;
}

/** Creates a workspace with the caller as its owner and the default item types. */
export async function createWorkspace(ctx: Ctx, raw: z.input<typeof CreateWorkspaceInput>) {
  const input = CreateWorkspaceInput.parse(raw);
  const id = newId();
  const user = await ctx.deps.store.db.selectFrom('users').select('time_zone').where('id', '=', ctx.actor.userId).executeTakeFirstOrThrow();
  const slug = input.slug ?? `${slugify(input.name)}-${id.slice(-6)}`;
  try {
    return await withTx(ctx.deps, ctx.actor.userId, async (tx) => {
      const ws = { id, name: input.name, slug, time_zone: input.timeZone ?? user.time_zone, created_at: tx.now, updated_at: tx.now, version: 1 };
      await tx.db.insertInto('workspaces').values(ws).execute();
      await tx.db.insertInto('members').values({ workspace_id: id, user_id: ctx.actor.userId, role: 'owner', created_at: tx.now, version: 1 }).execute();
      await tx.db
        .insertInto('item_types')
        .values(DEFAULT_ITEM_TYPES.map((key) => ({ workspace_id: id, key, name: key[0].toUpperCase() + key.slice(1) })))
        .execute();
      await appendEvent(tx, { type: 'workspace.created', workspaceId: id, data: { name: ws.name } });
      await appendEvent(tx, { type: 'member.joined', workspaceId: id, data: { userId: ctx.actor.userId, role: 'owner' } });
      return ws;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new WeftError('ALREADY_EXISTS', `the slug "${slug}" is taken`, { fields: [{ path: 'body.slug', message: 'taken' }] });
    throw e;
  }
}
