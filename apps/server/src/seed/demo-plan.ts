import type { Priority } from '@weft/domain';
import { COMMENTS, type DemoLabel, FILLERS, PARENTS, ROLES_OPEN, SPACE_PLANS, type SpacePlan } from './demo-data';
import type { Rng } from './prng';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How far back the demo's history starts. */
export const HISTORY_DAYS = 42;

/** Where an item ends up; the path to it is walked through real moves. */
export type Destination = 'backlog' | 'todo' | 'in_progress' | 'in_review' | 'done' | 'canceled';

const STATUS_NAME: Record<Destination, string> = {
  backlog: 'Backlog',
  todo: 'Todo',
  in_progress: 'In Progress',
  in_review: 'In Review',
  done: 'Done',
  canceled: 'Canceled',
};

const DESTINATIONS: Record<'stream' | 'active' | 'planned', ReadonlyArray<readonly [Destination, number]>> = {
  stream: [['backlog', 15], ['todo', 20], ['in_progress', 15], ['in_review', 7], ['done', 35], ['canceled', 8]],
  active: [['backlog', 10], ['todo', 25], ['in_progress', 20], ['in_review', 10], ['done', 35]],
  planned: [['backlog', 40], ['todo', 50], ['in_progress', 10]],
};

const PRIORITY_WEIGHTS: ReadonlyArray<readonly [Priority, number]> = [['none', 20], ['low', 20], ['medium', 30], ['high', 20], ['urgent', 10]];

/** One person of the demo, by index: 0 is the demo user. */
export type PersonRef = number;

export type PlannedItem = {
  index: number;
  spaceKey: SpacePlan['key'];
  title: string;
  type: string;
  priority: Priority;
  assignees: PersonRef[];
  labels: DemoLabel[];
  dueAt: string | null;
  tier: 'gold' | 'silver' | 'bronze' | null;
  points: number | null;
  parent: number | null;
  creator: PersonRef;
  createdAt: number;
  /** The statuses it is created in and then moved through, by name, each with when and by whom. */
  initialStatus: string;
  moves: Array<{ at: number; status: string; by: PersonRef }>;
  edit: { at: number; by: PersonRef; priority: Priority } | null;
  comments: Array<{ at: number; by: PersonRef; body: string; mention: PersonRef | null }>;
};

export type DemoPlan = { items: PlannedItem[]; links: Array<{ at: number; from: number; to: number; by: PersonRef }> };

const fill = (rng: Rng, template: string) =>
  template.replace('{c}', rng.pick(FILLERS.c)).replace('{s}', rng.pick(FILLERS.s)).replace('{p}', rng.pick(FILLERS.p)).replace('{r}', rng.pick(ROLES_OPEN));

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The path from creation to a destination: where it starts and the statuses it moves through. */
function pathTo(rng: Rng, dest: Destination): { initial: string; moves: string[] } {
  if (dest === 'backlog') return { initial: STATUS_NAME.backlog, moves: [] };
  const initial = rng.chance(0.3) ? STATUS_NAME.backlog : STATUS_NAME.todo;
  const toTodo = initial === STATUS_NAME.backlog ? [STATUS_NAME.todo] : [];
  switch (dest) {
    case 'todo':
      return { initial, moves: toTodo };
    case 'in_progress':
      return { initial, moves: [...toTodo, STATUS_NAME.in_progress] };
    case 'in_review':
      return { initial, moves: [...toTodo, STATUS_NAME.in_progress, STATUS_NAME.in_review] };
    case 'done':
      return { initial, moves: [...toTodo, STATUS_NAME.in_progress, ...(rng.chance(0.5) ? [STATUS_NAME.in_review] : []), STATUS_NAME.done] };
    case 'canceled':
      return { initial, moves: [STATUS_NAME.canceled] };
  }
}

/** Who tends to act: the demo user a little more often, so `assignee:me` has plenty. */
const person = (rng: Rng, people: number): PersonRef => (rng.chance(0.35) ? 0 : rng.int(0, people - 1));

function planComment(rng: Rng, createdAt: number, latest: number, people: number): PlannedItem['comments'][number] {
  const by = person(rng, people);
  // Nobody mentions themselves: someone else, a third of the time.
  const mention = rng.chance(0.35) ? (by + rng.int(1, people - 1)) % people : null;
  return { at: Math.min(latest, createdAt + HOUR + rng.next() * 10 * DAY), by, body: rng.pick(COMMENTS), mention };
}

/** The whole demo as data (pure): the same seed and `now` give the same plan. */
export function planDemo(rng: Rng, now: number, people: number): DemoPlan {
  const start = now - HISTORY_DAYS * DAY;
  const latest = now - 60_000;
  const items: PlannedItem[] = [];
  for (const space of SPACE_PLANS) {
    const kind = space.kind === 'stream' ? 'stream' : space.key === 'HIR' ? 'planned' : 'active';
    const parents = PARENTS.filter((p) => p.key === space.key);
    const titles: Array<{ title: string; parent: string | null }> = parents.flatMap((p) => [{ title: p.title, parent: null }, ...p.children.map((c) => ({ title: c, parent: p.title }))]);
    while (titles.length < space.count) titles.push({ title: fill(rng, rng.pick(space.titles)), parent: null });
    for (const t of titles) {
      const parent = t.parent === null ? null : (items.find((i) => i.title === t.parent && i.spaceKey === space.key)?.index ?? null);
      const createdAt = Math.max(parent === null ? start : items[parent].createdAt + HOUR, start + rng.next() * (latest - start - 2 * DAY));
      const dest = rng.weighted(DESTINATIONS[kind]);
      const path = pathTo(rng, dest);
      let at = createdAt;
      const moves = path.moves.map((status) => {
        at = Math.min(latest, at + HOUR + rng.next() * 4 * DAY);
        return { at, status, by: person(rng, people) };
      });
      // The planned project's work is due after it starts; elsewhere some of it is already late.
      const due = rng.chance(0.6) ? isoDate(now + (space.key === 'HIR' ? rng.int(40, 120) : rng.int(-20, 40)) * DAY) : null;
      const commentCount = rng.chance(0.4) ? rng.int(1, 3) : 0;
      items.push({
        index: items.length,
        spaceKey: space.key,
        title: t.title,
        type: parents.some((p) => p.title === t.title) && space.key === 'WEB' ? 'milestone' : rng.pick(space.types),
        priority: rng.weighted(PRIORITY_WEIGHTS),
        assignees: [...new Set(rng.chance(0.8) ? [person(rng, people), ...(rng.chance(0.2) ? [rng.int(0, people - 1)] : [])] : [])],
        labels: rng.sample(space.labels, rng.weighted([[0, 4], [1, 5], [2, 1]] as const)),
        dueAt: due,
        tier: space.key === 'SUP' && rng.chance(0.7) ? rng.pick(['gold', 'silver', 'bronze'] as const) : null,
        points: (space.key === 'OPS' || space.key === 'WEB') && rng.chance(0.6) ? rng.pick([1, 2, 3, 5, 8]) : null,
        parent,
        creator: person(rng, people),
        createdAt,
        initialStatus: path.initial,
        moves,
        edit: rng.chance(0.25) ? { at: Math.min(latest, createdAt + 60_000 + rng.next() * 3 * DAY), by: person(rng, people), priority: rng.weighted(PRIORITY_WEIGHTS) } : null,
        comments: Array.from({ length: commentCount }, () => planComment(rng, createdAt, latest, people)),
      });
    }
  }
  // `blocks` only from an older item to a newer one: no cycle can form.
  const links: DemoPlan['links'] = [];
  const ops = items.filter((i) => i.spaceKey === 'OPS');
  const web = items.filter((i) => i.spaceKey === 'WEB');
  while (links.length < 6) {
    const [a, b] = [rng.pick(ops), rng.pick(web)].sort((x, y) => x.createdAt - y.createdAt);
    if (links.some((l) => l.from === a.index && l.to === b.index)) continue;
    links.push({ at: Math.min(latest, b.createdAt + HOUR), from: a.index, to: b.index, by: 0 });
  }
  return { items, links };
}
