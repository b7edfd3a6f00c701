import type { EventsTable } from '@weft/db';
import type { Activity, Event } from '@weft/domain';
import type { z } from 'zod';

function dataOf(raw: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** An event of the log as programs read it (`/workspaces/:id/events`). */
export function presentEvent(e: EventsTable): z.infer<typeof Event> {
  return {
    seq: Number(e.id),
    type: e.type,
    workspaceId: e.workspace_id,
    spaceId: e.space_id,
    itemId: e.item_id,
    actorId: e.actor_id,
    at: e.created_at,
    data: dataOf(e.data),
  };
}

type Changes = NonNullable<z.infer<typeof Activity>['changes']>;

/** `{ field: { from, to } }` when the event carries one (item.updated); anything else is left out. */
function changesOf(data: Record<string, unknown>): Changes | undefined {
  const c = data.changes;
  if (!c || typeof c !== 'object' || Array.isArray(c)) return undefined;
  const out: Changes = {};
  for (const [k, v] of Object.entries(c as Record<string, unknown>)) {
    if (v && typeof v === 'object' && 'from' in v && 'to' in v) out[k] = { from: (v as { from: unknown }).from, to: (v as { to: unknown }).to };
  }
  return out;
}

/** One entry of an item's activity: what happened, who did it, when. */
export function presentActivity(e: EventsTable): z.infer<typeof Activity> {
  const data = dataOf(e.data);
  const changes = changesOf(data);
  return { seq: Number(e.id), type: e.type, actorId: e.actor_id, at: e.created_at, ...(changes ? { changes } : {}), data };
}
