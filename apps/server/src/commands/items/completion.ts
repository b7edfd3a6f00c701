/**
 * completedAt follows the status category: entering `done` stamps it (keeping an earlier stamp if
 * the item was already done), leaving `done` clears it.
 */
export function completedAtFor(fromCategory: string | null, toCategory: string, current: string | null, now: string): string | null {
  if (toCategory !== 'done') return null;
  return fromCategory === 'done' ? (current ?? now) : now;
}
