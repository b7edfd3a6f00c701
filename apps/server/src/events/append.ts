import { insertRows, lockEventLog } from '@weft/db';
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
  const [committed] = await appendEvents(tx, [e]);
  return committed;
}

/** Appends several events with multi-row inserts (batch commands), ids consecutive. */
export async function appendEvents(tx: Tx, list: readonly NewEvent[]): Promise<CommittedEvent[]> {
  if (tx.nextEventId === null) {
    await lockEventLog(tx.db, tx.dialect);
    const last = await tx.db.selectFrom('events').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
    tx.nextEventId = Number(last?.max ?? 0) + 1;
  }
  const out: CommittedEvent[] = list.map((e) => {
    const seq = tx.nextEventId as number;
    tx.nextEventId = seq + 1;
    return { seq, type: e.type, workspaceId: e.workspaceId, spaceId: e.spaceId ?? null, itemId: e.itemId ?? null, actorId: tx.actorId, at: tx.now, data: e.data ?? {} };
  });
  // One multi-row insert (chunked to the parameter limit) with SQL text reused between calls.
  await insertRows(
    tx.db,
    'events',
    ['id', 'workspace_id', 'space_id', 'item_id', 'actor_id', 'type', 'data', 'created_at'],
    out.map((c) => [c.seq, c.workspaceId, c.spaceId, c.itemId, c.actorId, c.type, JSON.stringify(c.data), c.at]),
  );
  tx.events.push(...out);
  return out;
}
