import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The open/closed state of one cell's editor and its draft value. Closing by key (Enter, Escape)
 * puts focus back on the cell's button so the keyboard user stays in the grid; closing because
 * focus left does not. `finish` and `cancel` act only once per editing session: Enter closes the
 * editor, and its removal may still fire a blur.
 */
export function useCellEditing<T>(blank: T) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<T>(blank);
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
  /** Opens the editor with `initial` as its draft. */
  const open = useCallback((initial: T) => {
    setDraft(initial);
    done.current = false;
    setEditing(true);
  }, []);
  /** Closes the editor, then runs `save` (if any): only for the first commit or cancel of this session. */
  const finish = useCallback((focusBack: boolean, save?: () => void) => {
    if (done.current) return;
    done.current = true;
    refocus.current = focusBack;
    setEditing(false);
    save?.();
  }, []);
  /** Closes the editor without saving, focus back on the cell. */
  const cancel = useCallback(() => finish(true), [finish]);
  return { editing, draft, setDraft, button, open, finish, cancel, leave };
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
