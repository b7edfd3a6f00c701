import type { View } from '@weft/client';
import { type FocusEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { type Entry, menuMove } from './saved-views';

const LABELS: Record<Entry, string> = {
  rename: 'Rename…',
  update: 'Update with current filter',
  share: 'Share with the workspace',
  unshare: 'Make personal',
  delete: 'Delete…',
};

const itemsOf = (menu: HTMLElement | null) => [...(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

/**
 * A saved view's actions behind a menu button (the WAI-ARIA menu button pattern): Enter, Space or
 * the arrows open it, arrows/Home/End move, Escape closes and returns focus, Tab leaves it.
 */
export function ViewMenu({ view, entries, onPick }: { view: View; entries: Entry[]; onPick: (e: Entry) => void }) {
  const [open, setOpen] = useState<false | 'first' | 'last'>(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const wrap = useRef<HTMLSpanElement>(null);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    const all = itemsOf(menu.current);
    (open === 'last' ? all[all.length - 1] : all[0])?.focus();
  }, [open]);
  if (entries.length === 0) return null;
  const close = (focusBack: boolean) => {
    setOpen(false);
    if (focusBack) button.current?.focus();
  };
  // Focus leaving both the button and the menu (a click elsewhere, Tab) closes the menu.
  const onLeave = (e: FocusEvent) => {
    if (!wrap.current?.contains(e.relatedTarget as Node | null)) setOpen(false);
  };
  const onMenuKey = (e: KeyboardEvent) => {
    const all = itemsOf(menu.current);
    const next = menuMove(e.key, all.indexOf(document.activeElement as HTMLElement), all.length);
    if (next !== null) {
      e.preventDefault();
      all[next]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close(true);
    } else if (e.key === 'Tab') close(false);
  };
  return (
    <span ref={wrap} className="view-menu">
      <button
        ref={button}
        type="button"
        className="view-menu-button"
        aria-label={`Actions for ${view.name}`}
        aria-haspopup="menu"
        aria-expanded={!!open}
        aria-controls={open ? id : undefined}
        onClick={() => (open ? close(false) : setOpen('first'))}
        onBlur={onLeave}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setOpen(e.key === 'ArrowUp' ? 'last' : 'first');
          }
        }}
      >
        ⋯
      </button>
      {open && (
        <div ref={menu} id={id} role="menu" aria-label={`Actions for ${view.name}`} className="view-menu-list" onKeyDown={onMenuKey} onBlur={onLeave}>
          {entries.map((en) => (
            <button
              key={en}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={en === 'delete' ? 'danger' : undefined}
              onClick={() => {
                close(true);
                onPick(en);
              }}
            >
              {LABELS[en]}
            </button>
          ))}
        </div>
      )}
    </span>
  );
}
