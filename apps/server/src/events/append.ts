import { lockEventLog } from '@weft/db';
import type { Tx } from '../tx';
import type { CommittedEvent } from './bus';

export type NewEvent = {
  type: string;
  workspaceId: string;
  spaceId?: string | null;
  itemId?: string | null;
  data?: Record<string, unknown>;
};

/**
 * Appends an event inside the command's transaction (the outbox): it commits with the change or
 * not at all, and is published only after commit.
 */
export async function appendEvent(tx: Tx, e: NewEvent): Promise<CommittedEvent> {
  if (tx.nextEventId === null) {
    await lockEventLog(tx.db, tx.dialect);
    const last = await tx.db.selectFrom('events').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
    tx.nextEventId = Number(last?.max ?? 0) + 1;
  }
  const data = e.data ?? {};
  const id = tx.nextEventId;
  tx.nextEventId += 1;
  await tx.db
    .insertInto('events')
    .values({
      id,
      workspace_id: e.workspaceId,
      space_id: e.spaceId ?? null,
      item_id: e.itemId ?? null,
      actor_id: tx.actorId,
      type: e.type,
      data: JSON.stringify(data),
      created_at: tx.now,
    })
    .execute();
  const committed: CommittedEvent = {
    seq: id,
    type: e.type,
    workspaceId: e.workspaceId,
    spaceId: e.spaceId ?? null,
    itemId: e.itemId ?? null,
    actorId: tx.actorId,
    at: tx.now,
    data,
  };
  tx.events.push(committed);
  return committed;
}
