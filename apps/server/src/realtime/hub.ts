import { accessCache, readEpoch, tagEpoch } from '../auth/access-cache';
import type { Deps } from '../context';
import type { CommittedEvent } from '../events/bus';
import { credentialValid, mayEnter } from './access';
import { CLOSE, type StreamConnection } from './connection';
import { type EventFeed, startFeed } from './feed';
import { type PresenceRegistry, presenceRegistry } from './presence';
import { isClusterBus } from './redis-bus';

/** The process's open streams, fed in order by the outbox feed. */
export type Hub = {
  feed: EventFeed;
  presence: PresenceRegistry;
  /** The access epoch the hub last read (connections judge the access cache by it). */
  epoch(): number;
  add(conn: StreamConnection): void;
  remove(conn: StreamConnection): void;
  size(): number;
  /** Re-reads the access epoch and re-checks every socket's credential and presence now. */
  checkAccess(): Promise<void>;
  stop(): void;
};

/** While Redis is down, read the outbox this often whatever the configured poll. */
const FALLBACK_POLL_MS = 500;

export async function startHub(deps: Deps): Promise<Hub> {
  const opts = deps.config.stream;
  const bus = deps.bus;
  const cluster = isClusterBus(bus) ? bus : null;
  const feed = await startFeed(deps, { pollMs: () => (cluster && !cluster.connected() ? Math.min(FALLBACK_POLL_MS, opts.pollMs) : opts.pollMs) });
  const presence = presenceRegistry({
    refreshMs: opts.heartbeatMs,
    sync: cluster ? { processId: cluster.processId, publish: cluster.publishPresence, onMessage: cluster.onPresence } : undefined,
  });
  const conns = new Set<StreamConnection>();
  const cache = accessCache(deps.store.db);
  let epoch = cache ? await readEpoch(deps.store.db, cache) : 0;

  /** Close sockets whose credential no longer holds; take presence away where access went. */
  const revalidate = async (accessChanged: boolean) => {
    await Promise.all(
      [...conns].map(async (c) => {
        if (!(await credentialValid(deps, c.credential, epoch))) return c.close(CLOSE.unauthorized, 'signed out or token revoked');
        if (!accessChanged) return;
        tagEpoch(c.actor, epoch);
        for (const topic of presence.topicsOf(c.id)) if (!(await mayEnter(deps, c.actor, topic))) presence.leave(c, topic);
      }),
    );
  };

  const checkAccess = async () => {
    if (!cache) return;
    const next = await readEpoch(deps.store.db, cache);
    const changed = next !== epoch;
    epoch = next;
    // Expiry needs no epoch change, but unchanged entries are cache hits: cheap to check each time.
    if (conns.size > 0) await revalidate(changed);
  };

  // One chain: every batch is offered after an epoch read that happened after its commit, and
  // batches are offered in order.
  let chain: Promise<void> = Promise.resolve();
  const enqueue = (step: () => Promise<void>) => {
    chain = chain.then(step).catch((err) => deps.log.warn({ err }, 'stream: access check failed'));
    return chain;
  };
  const unsubscribeFeed = feed.subscribe((batch: CommittedEvent[]) => {
    void enqueue(async () => {
      if (conns.size === 0) return;
      await checkAccess();
      for (const c of conns) c.offer(batch);
    });
  });
  const unsubscribeWake = cluster?.onWake(() => feed.wake());

  const heartbeat = setInterval(() => {
    for (const c of conns) c.heartbeat();
  }, opts.heartbeatMs);
  const accessTimer = setInterval(() => void enqueue(checkAccess), opts.accessCheckMs);
  heartbeat.unref();
  accessTimer.unref();

  return {
    feed,
    presence,
    epoch: () => epoch,
    add: (c) => void conns.add(c),
    remove(c) {
      conns.delete(c);
      presence.drop(c);
    },
    size: () => conns.size,
    checkAccess: () => enqueue(checkAccess),
    stop() {
      clearInterval(heartbeat);
      clearInterval(accessTimer);
      unsubscribeFeed();
      unsubscribeWake?.();
      feed.stop();
      presence.stop();
      for (const c of conns) c.close(CLOSE.goingAway, 'server shutting down');
    },
  };
}
