import { useEffect } from 'react';
import { openDialog } from '../../lib/ui-state';

/** True when a key press belongs to what the person is typing into, not to a shortcut. */
export function isTypingTarget(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  // A checkbox (the list's row selection) takes no text: shortcuts keep working after clicking one.
  if (t instanceof HTMLInputElement && ['checkbox', 'radio', 'button'].includes(t.type)) return false;
  return t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName);
}

/** A single-key shortcut may fire: no modifier, not typing, no dialog open. */
export function plainKey(e: KeyboardEvent): boolean {
  return !e.ctrlKey && !e.metaKey && !e.altKey && !isTypingTarget(e.target) && !document.querySelector('dialog[open]');
}

export const SHORTCUTS: [string, string][] = [
  ['Ctrl K / ⌘ K', 'Command palette: go to a space or item, create, toggle the theme'],
  ['c', 'Create an item'],
  ['/', 'Search: focus the filter box (or open the palette)'],
  ['j / k', 'Next / previous item in the list'],
  ['Enter', 'Open the selected item'],
  ['x', 'Select the focused row for bulk changes (shift-click a row: select a range)'],
  ['e', 'Edit the focused item: focus its title in the panel'],
  ['Esc', 'Close the panel or dialog'],
  ['?', 'Show these shortcuts'],
];

/** App-wide shortcuts; list-level ones (j/k) live with the list. */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        openDialog('palette');
        return;
      }
      if (!plainKey(e)) return;
      if (e.key === 'c') {
        e.preventDefault();
        openDialog('quick-create');
      } else if (e.key === '?') {
        e.preventDefault();
        openDialog('shortcuts');
      } else if (e.key === '/') {
        e.preventDefault();
        const box = document.querySelector<HTMLInputElement>('[data-search]');
        if (box) box.focus();
        else openDialog('palette');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
