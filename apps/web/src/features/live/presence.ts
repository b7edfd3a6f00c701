import type { StreamClient } from '@weft/client';
import type { PresenceTopic, PresenceUser } from '@weft/domain';
import { useEffect, useSyncExternalStore } from 'react';

/**
 * Presence on top of the tab's stream: who else views an item or a space, and who edits an item's
 * description. Topics entered before the stream exists are entered when it does; the stream
 * re-enters them after a reconnect, and the server clears a person when they leave, close the tab
 * or their connection dies.
 */
let stream: StreamClient | null = null;
const entered = new Map<string, { topic: PresenceTopic; count: number }>();
const present = new Map<string, PresenceUser[]>();
const listeners = new Set<() => void>();
const NOBODY: PresenceUser[] = [];

const keyOf = (t: PresenceTopic) => `${t.kind}:${t.id}`;
const emit = () => {
  for (const l of listeners) l();
};

export function attachStream(s: StreamClient | null): void {
  stream = s;
  if (s) for (const { topic } of entered.values()) s.enter(topic);
}

export function presenceChanged(topic: PresenceTopic, users: PresenceUser[]): void {
  present.set(keyOf(topic), users);
  emit();
}

function enter(topic: PresenceTopic): () => void {
  const k = keyOf(topic);
  const e = entered.get(k);
  if (e) e.count += 1;
  else {
    entered.set(k, { topic, count: 1 });
    stream?.enter(topic);
  }
  return () => {
    const cur = entered.get(k);
    if (!cur) return;
    cur.count -= 1;
    if (cur.count > 0) return;
    entered.delete(k);
    present.delete(k);
    stream?.leave(topic);
    emit();
  };
}

/** Everyone present on the topic (the caller included), while the component is mounted. */
export function usePresence(kind: PresenceTopic['kind'], id: string | undefined): PresenceUser[] {
  useEffect(() => (id ? enter({ kind, id }) : undefined), [kind, id]);
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => (id ? (present.get(`${kind}:${id}`) ?? NOBODY) : NOBODY),
  );
}

/** Tells the others this person is (or stopped) editing the item's description. */
export function setEditing(itemId: string, editing: boolean): void {
  stream?.setEditing(itemId, editing);
}
