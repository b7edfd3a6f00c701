import type { PresenceTopic, PresenceUser } from '@weft/domain';

/** A connection as presence sees it. */
export type PresenceMember = { id: string; userId: string; name: string; send(wire: string): void };

type Entry = { connId: string; userId: string; name: string; editing: boolean };

/** Other processes' presence, when clustered (the Redis bus's presence channel). */
export type PresenceSync = { processId: string; publish(msg: string): void; onMessage(fn: (msg: string) => void): () => void };

export type PresenceRegistry = {
  enter(m: PresenceMember, topic: PresenceTopic): void;
  leave(m: PresenceMember, topic: PresenceTopic): void;
  /** Editing an item's description implies viewing the item. */
  setEditing(m: PresenceMember, itemId: string, editing: boolean): void;
  /** The connection is gone: clear it from every topic. */
  drop(m: PresenceMember): void;
  topicsOf(connId: string): PresenceTopic[];
  users(topic: PresenceTopic): PresenceUser[];
  stop(): void;
};

const keyOf = (t: PresenceTopic) => `${t.kind}:${t.id}`;
const topicOf = (key: string): PresenceTopic => {
  const i = key.indexOf(':');
  return { kind: key.slice(0, i) as PresenceTopic['kind'], id: key.slice(i + 1) };
};

/**
 * Who is viewing each space and item, and who is editing an item's description. Local entries are
 * exact (a socket's close, or the heartbeat dropping a dead one, clears them). With a sync, each
 * process publishes its entries of a topic on every change and all of them every `refreshMs`;
 * another process's entries expire after three missed refreshes, so a killed process's viewers
 * disappear within about 3 × refreshMs.
 */
export function presenceRegistry(opts: { refreshMs: number; sync?: PresenceSync }): PresenceRegistry {
  const local = new Map<string, Map<string, Entry>>();
  const members = new Map<string, PresenceMember>();
  const byConn = new Map<string, Set<string>>();
  const remote = new Map<string, Map<string, { entries: Entry[]; expires: number }>>();
  const ttl = opts.refreshMs * 3;

  const usersOf = (key: string): PresenceUser[] => {
    const all = [...(local.get(key)?.values() ?? [])];
    for (const r of remote.get(key)?.values() ?? []) all.push(...r.entries);
    const out = new Map<string, PresenceUser>();
    for (const e of all) {
      const u = out.get(e.userId);
      out.set(e.userId, { userId: e.userId, name: e.name, editing: (u?.editing ?? false) || e.editing });
    }
    return [...out.values()].sort((a, b) => a.userId.localeCompare(b.userId));
  };

  const broadcast = (key: string) => {
    const here = local.get(key);
    if (!here || here.size === 0) return;
    const wire = JSON.stringify({ type: 'presence', topic: topicOf(key), users: usersOf(key) });
    for (const connId of here.keys()) members.get(connId)?.send(wire);
  };

  const publish = (key: string) => {
    if (!opts.sync) return;
    const entries = [...(local.get(key)?.values() ?? [])];
    opts.sync.publish(JSON.stringify({ proc: opts.sync.processId, topic: key, entries }));
  };

  const changed = (key: string) => {
    broadcast(key);
    publish(key);
  };

  const put = (m: PresenceMember, key: string, editing: boolean | null) => {
    members.set(m.id, m);
    const here = local.get(key) ?? new Map<string, Entry>();
    local.set(key, here);
    const before = here.get(m.id);
    const next = { connId: m.id, userId: m.userId, name: m.name, editing: editing ?? before?.editing ?? false };
    if (before && before.editing === next.editing) return;
    here.set(m.id, next);
    const mine = byConn.get(m.id) ?? new Set<string>();
    byConn.set(m.id, mine);
    mine.add(key);
    changed(key);
  };

  const remove = (connId: string, key: string) => {
    const here = local.get(key);
    if (!here?.delete(connId)) return;
    if (here.size === 0) local.delete(key);
    byConn.get(connId)?.delete(key);
    changed(key);
  };

  const unsubscribe = opts.sync?.onMessage((msg) => {
    let parsed: { proc: string; topic: string; entries: Entry[] };
    try {
      parsed = JSON.parse(msg);
    } catch {
      return;
    }
    if (!opts.sync || parsed.proc === opts.sync.processId || typeof parsed.topic !== 'string' || !Array.isArray(parsed.entries)) return;
    const procs = remote.get(parsed.topic) ?? new Map<string, { entries: Entry[]; expires: number }>();
    remote.set(parsed.topic, procs);
    const before = JSON.stringify(procs.get(parsed.proc)?.entries ?? []);
    if (parsed.entries.length === 0) procs.delete(parsed.proc);
    else procs.set(parsed.proc, { entries: parsed.entries, expires: Date.now() + ttl });
    if (procs.size === 0) remote.delete(parsed.topic);
    if (JSON.stringify(parsed.entries) !== before) broadcast(parsed.topic);
  });

  // Refresh our entries for the other processes and expire theirs (wall time: it spans processes).
  const timer = opts.sync
    ? setInterval(() => {
        for (const key of local.keys()) publish(key);
        const now = Date.now();
        for (const [key, procs] of remote) {
          let gone = false;
          for (const [proc, r] of procs) if (r.expires <= now) gone = procs.delete(proc) || gone;
          if (procs.size === 0) remote.delete(key);
          if (gone) broadcast(key);
        }
      }, opts.refreshMs)
    : null;
  timer?.unref();

  return {
    enter: (m, topic) => put(m, keyOf(topic), null),
    leave: (m, topic) => remove(m.id, keyOf(topic)),
    setEditing: (m, itemId, editing) => put(m, keyOf({ kind: 'item', id: itemId }), editing),
    drop(m) {
      for (const key of [...(byConn.get(m.id) ?? [])]) remove(m.id, key);
      byConn.delete(m.id);
      members.delete(m.id);
    },
    topicsOf: (connId) => [...(byConn.get(connId) ?? [])].map(topicOf),
    users: (topic) => usersOf(keyOf(topic)),
    stop() {
      if (timer) clearInterval(timer);
      unsubscribe?.();
    },
  };
}
