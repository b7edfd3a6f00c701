import { useSyncExternalStore } from 'react';

/** A message shown in the notice area: errors (rollbacks, conflicts) and confirmations. */
export type Notice = {
  id: number;
  kind: 'error' | 'info';
  title: string;
  detail?: string;
  /** Extra lines, e.g. the current values after a conflict. */
  lines?: string[];
  action?: { label: string; run: () => void };
};

// A tiny external store instead of a library: one array, a set of listeners, useSyncExternalStore.
let notices: Notice[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};

export function notify(n: Omit<Notice, 'id'>): number {
  const id = nextId++;
  notices = [...notices.slice(-4), { ...n, id }];
  emit();
  if (n.kind === 'info') setTimeout(() => dismiss(id), 5000);
  return id;
}

export function dismiss(id: number): void {
  notices = notices.filter((n) => n.id !== id);
  emit();
}

export function useNotices(): Notice[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => notices,
  );
}
