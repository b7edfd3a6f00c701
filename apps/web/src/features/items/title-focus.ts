// `e` in the list asks the panel that is about to open to focus its title. The request is a single
// pending key rather than a URL flag: it is a one-shot gesture, not state worth sharing in a link.
let pending: string | null = null;

/** Ask the next title editor of this item to take focus. */
export function requestTitleFocus(key: string): void {
  pending = key.toUpperCase();
  // The panel may already be open on this item: tell it now.
  window.dispatchEvent(new CustomEvent('weft:focus-title', { detail: pending }));
}

/** True once for the requested item: the caller then focuses its title. */
export function takeTitleFocus(key: string): boolean {
  if (pending !== key.toUpperCase()) return false;
  pending = null;
  return true;
}
