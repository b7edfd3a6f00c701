import { EventEmitter } from 'node:events';

/** An event as committed to the log and announced after commit. */
export type CommittedEvent = {
  seq: number;
  type: string;
  workspaceId: string;
  spaceId: string | null;
  itemId: string | null;
  actorId: string | null;
  at: string;
  data: Record<string, unknown>;
};

/**
 * Announces committed events to in-process consumers (real-time, later notifications and
 * automations). In cluster mode a Redis-backed bus with the same shape replaces it.
 */
export type EventBus = {
  publish(events: CommittedEvent[]): void;
  subscribe(fn: (e: CommittedEvent) => void): () => void;
};

/** The single-process bus. */
export function memoryBus(): EventBus {
  const em = new EventEmitter();
  em.setMaxListeners(0);
  return {
    publish(events) {
      for (const e of events) em.emit('event', e);
    },
    subscribe(fn) {
      em.on('event', fn);
      return () => em.off('event', fn);
    },
  };
}
