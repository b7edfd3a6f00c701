import { useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';
const KEY = 'weft.theme';
const media = window.matchMedia('(prefers-color-scheme: dark)');
const listeners = new Set<() => void>();

/** The stored choice, or null to follow the system. */
function stored(): Theme | null {
  const v = localStorage.getItem(KEY);
  return v === 'light' || v === 'dark' ? v : null;
}

/** The theme in effect: the person's choice, else the system's. */
export function currentTheme(): Theme {
  return stored() ?? (media.matches ? 'dark' : 'light');
}

function apply() {
  const choice = stored();
  // No attribute means "follow the system" (the CSS media query decides).
  if (choice) document.documentElement.dataset.theme = choice;
  else delete document.documentElement.dataset.theme;
  for (const l of listeners) l();
}

export function setTheme(t: Theme | null): void {
  if (t) localStorage.setItem(KEY, t);
  else localStorage.removeItem(KEY);
  apply();
}

export function toggleTheme(): void {
  setTheme(currentTheme() === 'dark' ? 'light' : 'dark');
}

media.addEventListener('change', apply);
apply();

export function useTheme(): Theme {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    currentTheme,
  );
}
