import type { Database, Dialect } from '@weft/db';
import type { Transaction } from 'kysely';
import type { Deps } from './context';
import type { CommittedEvent } from './events/bus';

/** A write in progress: the transaction, its clock reading and the events it appended. */
export type Tx = {
  db: Transaction<Database>;
  dialect: Dialect;
  now: string;
  actorId: string | null;
  events: CommittedEvent[];
  /** The id the next appended event takes; null until the first append locks the log. */
  nextEventId: number | null;
};

/**
 * Runs `fn` in one transaction; on commit, publishes the events it appended. Any throw rolls the
 * whole change back, so a rejected request never leaves a half-written change.
 */
export async function withTx<T>(deps: Deps, actorId: string | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
  let events: CommittedEvent[] = [];
  const result = await deps.store.db.transaction().execute(async (db) => {
    const tx: Tx = { db, dialect: deps.store.dialect, now: deps.clock.now().toISOString(), actorId, events: [], nextEventId: null };
    const r = await fn(tx);
    events = tx.events;
    return r;
  });
  if (events.length > 0) deps.bus.publish(events);
  return result;
}
