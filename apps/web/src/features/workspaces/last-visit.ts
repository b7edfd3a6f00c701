import type { EventsPage } from '@weft/client';

/** When the person last opened a workspace's home, and the newest event seq they had seen then. */
export type Visit = { seq: number; at: string };

const key = (ws: string) => `weft.lastVisit.${ws}`;

export function readVisit(ws: string): Visit | null {
  try {
    const v = JSON.parse(localStorage.getItem(key(ws)) ?? 'null') as Partial<Visit> | null;
    return v && typeof v.seq === 'number' && typeof v.at === 'string' ? { seq: v.seq, at: v.at } : null;
  } catch {
    return null;
  }
}

export function writeVisit(ws: string, v: Visit): void {
  localStorage.setItem(key(ws), JSON.stringify(v));
}

/**
 * The newest event seq the caller can see, for a first visit's baseline. The events endpoint only
 * reads forwards from a seq, so this gallops then bisects on "is there an event after s?" with
 * one-event pages: about 2·log2(seq) tiny requests instead of reading the whole log.
 */
export async function latestSeq(after: (since: number) => Promise<EventsPage>): Promise<number> {
  const any = async (s: number) => (await after(s)).data.length > 0;
  if (!(await any(0))) return 0;
  let lo = 0;
  let hi = 1;
  while (await any(hi)) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await any(mid)) lo = mid;
    else hi = mid;
  }
  return hi;
}
