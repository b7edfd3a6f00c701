import type { EventsTable } from '@weft/db';
import type { Deps } from '../context';
import type { CommittedEvent } from '../events/bus';

/** Every committed event of the database, once each, in seq order, as this process learns of them. */
export type EventFeed = {
  /** The newest seq delivered to listeners: everything up to it has been delivered, in order. */
  last(): number;
  subscribe(fn: (events: CommittedEvent[]) => void): () => void;
  /** Something committed elsewhere (a Redis wake-up): read the outbox after `last`. */
  wake(): void;
  /** Reads the outbox now (tests and the poll). */
  catchUp(): Promise<void>;
  stop(): void;
};

export type FeedOptions = {
  /** Milliseconds until the next unprompted read of the outbox (asked again after each one). */
  pollMs: () => number;
};

const PAGE = 500;

/** An outbox row in the shape the bus publishes. */
export function committedOf(r: EventsTable): CommittedEvent {
  let data: Record<string, unknown> = {};
  try {
    const v: unknown = JSON.parse(r.data);
    if (v && typeof v === 'object' && !Array.isArray(v)) data = v as Record<string, unknown>;
  } catch {
    // a malformed row still counts as an event: keep its place in the sequence
  }
  return { seq: Number(r.id), type: r.type, workspaceId: r.workspace_id, spaceId: r.space_id, itemId: r.item_id, actorId: r.actor_id, at: r.created_at, data };
}

/** Outbox rows after `after`, ascending. */
export async function readOutbox(deps: Deps, after: number, limit = PAGE): Promise<CommittedEvent[]> {
  const rows = await deps.store.db.selectFrom('events').selectAll().where('id', '>', after).orderBy('id').limit(limit).execute();
  return rows.map(committedOf);
}

/**
 * The process's ordered view of the outbox. Event ids are gapless and commit in increasing order
 * (events/append.ts), so "deliver seq last+1 next" is all it takes to be complete and in order:
 * events published by this process after commit are taken as they come when they continue the
 * sequence (no query); anything else (a gap: an event committed by another process, or published
 * out of order) is read from the events table by id. Redis, when present, only says "read now";
 * a slow poll covers a lost wake-up.
 */
export async function startFeed(deps: Deps, opts: FeedOptions): Promise<EventFeed> {
  const head = await deps.store.db.selectFrom('events').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
  let last = Number(head?.max ?? 0);
  const listeners = new Set<(events: CommittedEvent[]) => void>();
  let pending: CommittedEvent[] = [];
  let reading: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  /** Delivers the run of `list` that continues the sequence; true when a later event showed a gap. */
  const deliver = (list: CommittedEvent[]): boolean => {
    const out: CommittedEvent[] = [];
    let gap = false;
    for (const e of list) {
      if (e.seq <= last) continue;
      if (e.seq !== last + 1) {
        gap = true;
        break;
      }
      out.push(e);
      last = e.seq;
    }
    if (out.length > 0) for (const fn of listeners) fn(out);
    return gap;
  };

  const read = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (reading) {
      again = true;
      return reading;
    }
    reading = (async () => {
      do {
        again = false;
        for (;;) {
          const rows = await readOutbox(deps, last);
          deliver(rows);
          if (rows.length < PAGE || stopped) break;
        }
      } while (again && !stopped);
    })()
      .catch((e) => deps.log.warn({ err: e }, 'stream: reading the outbox failed; retrying on the next poll'))
      .finally(() => {
        reading = null;
      });
    return reading;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void read().finally(schedule), opts.pollMs());
    timer.unref();
  };
  schedule();

  // The bus emits event by event; gather one commit's events and order them before delivering.
  const unsubscribe = deps.bus.subscribe((e) => {
    pending.push(e);
    if (pending.length > 1) return;
    queueMicrotask(() => {
      const batch = pending.sort((a, b) => a.seq - b.seq);
      pending = [];
      if (deliver(batch)) void read();
    });
  });

  return {
    last: () => last,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    wake: () => void read(),
    catchUp: read,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      unsubscribe();
    },
  };
}
