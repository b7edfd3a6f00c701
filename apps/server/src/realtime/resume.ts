import type { Deps } from '../context';
import type { StreamConnection } from './connection';
import { readOutbox } from './feed';
import type { Hub } from './hub';

type ResyncReason = 'too_old' | 'too_far_behind' | 'unknown_seq';

/** Why `since` cannot be replayed, or null when it can. */
async function refusal(deps: Deps, since: number): Promise<ResyncReason | null> {
  const row = await deps.store.db
    .selectFrom('events')
    .select((eb) => [eb.fn.min('id').as('min'), eb.fn.max('id').as('max')])
    .executeTakeFirst();
  const head = Number(row?.max ?? 0);
  const oldest = row?.min === null || row?.min === undefined ? null : Number(row.min);
  // A seq this database never reached: the client talks to a restored or different database.
  if (since > head) return 'unknown_seq';
  if (head - since > deps.config.stream.maxCatchUp) return 'too_far_behind';
  // Events after `since` were pruned from the log: the gap cannot be replayed.
  if (oldest !== null && since < oldest - 1) return 'too_old';
  return null;
}

/**
 * Replays the outbox after `since` to one connection, by id, through its read policy. Live events
 * that commit meanwhile wait in the connection's queue; its cursor makes the hand-over exact.
 * When `since` cannot be served the client is told to `resync` and continues live from the head.
 */
export async function resume(deps: Deps, hub: Hub, conn: StreamConnection, since: number): Promise<void> {
  const reason = await refusal(deps, since);
  if (reason) {
    conn.cursor = Math.max(conn.cursor, hub.feed.last());
    conn.message({ type: 'resync', seq: conn.cursor, reason });
    return;
  }
  for (;;) {
    const rows = await readOutbox(deps, conn.cursor);
    for (const e of rows) await conn.deliver(e);
    if (rows.length === 0 || conn.closed) return;
  }
}
