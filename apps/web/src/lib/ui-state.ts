import { useSyncExternalStore } from 'react';

/** Which app-wide dialog is open: one at a time, opened by shortcuts, buttons and the palette. */
export type OpenDialog = null | 'palette' | 'quick-create' | 'shortcuts' | 'new-space';
let open: OpenDialog = null;
const listeners = new Set<() => void>();

export function openDialog(d: OpenDialog): void {
  open = d;
  for (const l of listeners) l();
}

export function useOpenDialog(): OpenDialog {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => open,
  );
}
