import type { Field, Item, Label, Space } from '@weft/domain';
import type { z } from 'zod';
import type { SeedApi, Session } from './api';
import type { DemoPlan, PlannedItem } from './demo-plan';

type Ctx = {
  api: SeedApi;
  clock: { set(ms: number): void };
  plan: DemoPlan;
  people: Session[];
  spaces: Map<string, z.infer<typeof Space>>;
  labels: Array<z.infer<typeof Label>>;
  tier: z.infer<typeof Field>;
  points: z.infer<typeof Field>;
};

/** One thing that happens at one instant; creations sort before anything else at the same instant. */
type Action = { at: number; order: number; run: () => Promise<void> };

function statusId(space: z.infer<typeof Space>, name: string): string {
  const s = space.statuses.find((x) => x.name === name);
  if (!s) throw new Error(`space ${space.key} has no status ${name}`);
  return s.id;
}

function createBody(c: Ctx, p: PlannedItem, created: Map<number, Item>) {
  const space = c.spaces.get(p.spaceKey) as z.infer<typeof Space>;
  const fields: Record<string, string | number> = {};
  if (p.tier) fields[c.tier.id] = c.tier.options.find((o) => o.name === p.tier)?.id as string;
  if (p.points !== null) fields[c.points.id] = p.points;
  return {
    title: p.title,
    type: p.type,
    priority: p.priority,
    statusId: statusId(space, p.initialStatus),
    assigneeIds: p.assignees.map((i) => c.people[i].id),
    labelIds: p.labels.map((n) => c.labels.find((l) => l.name === n)?.id as string),
    dueAt: p.dueAt,
    parentId: p.parent === null ? null : (created.get(p.parent)?.id ?? null),
    fields,
    description: `Seeded demo item in ${space.name}.`,
  };
}

/** Replays the planned weeks in time order: creations, moves, edits, comments and links, all through the API. */
export async function playHistory(c: Ctx) {
  const created = new Map<number, Item>();
  const actions: Action[] = [];
  let comments = 0;
  let moves = 0;
  for (const p of c.plan.items) {
    actions.push({
      at: p.createdAt,
      order: 0,
      run: async () => {
        const space = c.spaces.get(p.spaceKey) as z.infer<typeof Space>;
        created.set(p.index, await c.api.post<Item>(c.people[p.creator], `/spaces/${space.id}/items`, createBody(c, p, created)));
      },
    });
    for (const m of p.moves) {
      actions.push({
        at: m.at,
        order: 1,
        run: async () => {
          const item = created.get(p.index) as Item;
          const space = c.spaces.get(p.spaceKey) as z.infer<typeof Space>;
          created.set(p.index, await c.api.post<Item>(c.people[m.by], `/items/${item.id}/move`, { statusId: statusId(space, m.status), version: item.version }));
          moves += 1;
        },
      });
    }
    if (p.edit) {
      const e = p.edit;
      actions.push({
        at: e.at,
        order: 1,
        run: async () => {
          const item = created.get(p.index) as Item;
          created.set(p.index, await c.api.patch<Item>(c.people[e.by], `/items/${item.id}`, { priority: e.priority, version: item.version }));
        },
      });
    }
    for (const cm of p.comments) {
      actions.push({
        at: cm.at,
        order: 1,
        run: async () => {
          const mention = cm.mention === null ? '' : ` @"${c.people[cm.mention].name}"`;
          await c.api.post(c.people[cm.by], `/items/${(created.get(p.index) as Item).id}/comments`, { body: `${cm.body}${mention}` });
          comments += 1;
        },
      });
    }
  }
  for (const l of c.plan.links) {
    actions.push({
      at: l.at,
      order: 1,
      run: async () => {
        const from = created.get(l.from) as Item;
        await c.api.post(c.people[l.by], `/items/${from.id}/links`, { kind: 'blocks', itemId: (created.get(l.to) as Item).id });
      },
    });
  }
  actions.sort((a, b) => a.at - b.at || a.order - b.order);
  for (const a of actions) {
    c.clock.set(a.at);
    await a.run();
  }
  return { items: created.size, subitems: c.plan.items.filter((i) => i.parent !== null).length, comments, links: c.plan.links.length, moves };
}
