import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import { type EventBus, memoryBus } from '../events/bus';

/**
 * The cluster bus: the in-process bus (so this process's consumers see its own commits at once)
 * plus a Redis wake-up. Redis carries no event, only "the outbox grew to seq N": order and
 * completeness come from the events table (realtime/feed.ts reads it by id), so a lost or
 * duplicated Redis message can delay delivery, never corrupt it. Presence rides on a second channel.
 */
export type ClusterBus = EventBus & {
  readonly processId: string;
  /** Another process committed up to `seq`. */
  onWake(fn: (seq: number) => void): () => void;
  /** Presence snapshots from other processes (realtime/presence.ts). */
  onPresence(fn: (msg: string) => void): () => void;
  publishPresence(msg: string): void;
  /** Is the subscription up? While it is not, the feed polls the outbox quickly. */
  connected(): boolean;
  close(): Promise<void>;
};

export function isClusterBus(bus: EventBus): bus is ClusterBus {
  return typeof (bus as Partial<ClusterBus>).onWake === 'function';
}

export function redisBus(url: string, prefix: string, log: FastifyBaseLogger): ClusterBus {
  const local = memoryBus();
  const processId = randomUUID();
  const eventsChannel = `${prefix}:events`;
  const presenceChannel = `${prefix}:presence`;
  // Never queue while Redis is down: a wake-up sent late is worth nothing (the poll covers it),
  // and a queue would grow without bound during an outage.
  const options = { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: (n: number) => Math.min(200 * n, 2_000) };
  const pub = new Redis(url, options);
  const sub = new Redis(url, { ...options, enableOfflineQueue: true, maxRetriesPerRequest: null });
  const wakeFns = new Set<(seq: number) => void>();
  const presenceFns = new Set<(msg: string) => void>();
  let warned = false;
  const quiet = (what: string) => (e: Error) => {
    if (!warned) log.warn({ err: e }, `redis ${what} failed; the stream falls back to polling the outbox`);
    warned = true;
  };
  pub.on('error', quiet('publisher'));
  sub.on('error', quiet('subscriber'));
  sub.on('ready', () => {
    warned = false;
    // Whatever was committed while the subscription was down: read it now.
    for (const fn of wakeFns) fn(0);
  });
  void sub.subscribe(eventsChannel, presenceChannel).catch(quiet('subscribe'));
  sub.on('message', (channel: string, message: string) => {
    if (channel === presenceChannel) {
      for (const fn of presenceFns) fn(message);
      return;
    }
    const [from, seq] = message.split(' ');
    if (from === processId) return;
    for (const fn of wakeFns) fn(Number(seq));
  });
  const send = (channel: string, message: string) => {
    if (pub.status !== 'ready') return;
    pub.publish(channel, message).catch(quiet('publish'));
  };

  return {
    processId,
    publish(events) {
      local.publish(events);
      if (events.length > 0) send(eventsChannel, `${processId} ${events[events.length - 1].seq}`);
    },
    subscribe: local.subscribe,
    onWake(fn) {
      wakeFns.add(fn);
      return () => wakeFns.delete(fn);
    },
    onPresence(fn) {
      presenceFns.add(fn);
      return () => presenceFns.delete(fn);
    },
    publishPresence: (msg) => send(presenceChannel, msg),
    connected: () => sub.status === 'ready',
    async close() {
      pub.disconnect();
      sub.disconnect();
    },
  };
}
