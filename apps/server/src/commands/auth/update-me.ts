import { UpdateMeInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';

/** Updates the caller's own profile (name, time zone). */
export async function updateMe(ctx: Ctx, raw: z.input<typeof UpdateMeInput>) {
  const input = UpdateMeInput.parse(raw);
  const now = ctx.deps.clock.now().toISOString();
  return ctx.deps.store.db
    .updateTable('users')
    .set((eb) => ({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', ctx.actor.userId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
