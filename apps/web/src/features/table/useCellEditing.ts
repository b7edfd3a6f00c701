import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The open/closed state of one cell's editor. Closing by key (Enter, Escape) puts focus back on
 * the cell's button so the keyboard user stays in the grid; closing because focus left does not.
 * `once` guards the commit: Enter closes the editor, and its removal may still fire a blur.
 */
export function useCellEditing() {
  const [editing, setEditing] = useState(false);
  /** What leaving the open editor does (its commit): also run if the cell unmounts while open. */
  const leave = useSaveOnUnmount(editing);
  const button = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  const done = useRef(false);
  useEffect(() => {
    if (!editing && refocus.current) {
      refocus.current = false;
      button.current?.focus();
    }
  }, [editing]);
  const open = useCallback(() => {
    done.current = false;
    setEditing(true);
  }, []);
  const close = useCallback((focusBack: boolean) => {
    refocus.current = focusBack;
    setEditing(false);
  }, []);
  /** Runs `f` only for the first commit or cancel of this editing session. */
  const once = useCallback((f: () => void) => {
    if (done.current) return;
    done.current = true;
    f();
  }, []);
  return { editing, button, open, close, once, leave };
}

/**
 * Saves an editor that is open when its cell unmounts, as leaving it would: the row can leave the
 * virtual window while someone edits it (a live change re-sorts or filters the table), and an edit
 * in progress must not be dropped. Set `.current` to the save on every render that has one.
 */
export function useSaveOnUnmount(open: boolean): { current: (() => void) | null } {
  const save = useRef<(() => void) | null>(null);
  const isOpen = useRef(open);
  isOpen.current = open;
  useEffect(
    () => () => {
      if (isOpen.current) save.current?.();
    },
    [],
  );
  return save;
}
