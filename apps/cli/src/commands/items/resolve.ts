import { collect, type Field, type Label, type Member, type Space, type Status, type WeftClient } from '@weft/client';
import { normalizeQueryName } from '@weft/domain';
import { usage } from '../../exit-codes';
import { allSpaces } from '../spaces';

/** Commander collector for repeatable options that also accept commas: `--label a --label b,c`. */
export const many = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

/** A space's status by name (`"In Progress"`, `in_progress`, any case); a category name picks its first status. */
export function statusByName(space: Space, name: string): Status {
  const want = normalizeQueryName(name);
  const ordered = [...space.statuses].sort((a, b) => a.position - b.position);
  const s = ordered.find((x) => normalizeQueryName(x.name) === want) ?? ordered.find((x) => x.category === want);
  if (!s) throw usage(`${space.key} has no status "${name}" (statuses: ${ordered.map((x) => x.name).join(', ')})`);
  return s;
}

/** The first status of a category in the space's workflow order. */
export function firstStatusIn(space: Space, category: string): Status {
  const s = [...space.statuses].sort((a, b) => a.position - b.position).find((x) => x.category === category);
  if (!s) throw usage(`${space.key} has no status in the ${category} category`);
  return s;
}

export function allMembers(client: WeftClient, workspaceId: string): Promise<Member[]> {
  return collect((cursor) => client.members.list(workspaceId, { cursor, limit: 200 }));
}

/** People by `me`, email, full name or an unambiguous first name. */
export async function resolvePeople(client: WeftClient, workspaceId: string, refs: string[]): Promise<string[]> {
  if (refs.length === 0) return [];
  const members = await allMembers(client, workspaceId);
  const ids: string[] = [];
  for (const ref of refs) {
    const r = ref.toLowerCase();
    let found: Member[];
    if (r === 'me') {
      const me = await client.me.get();
      found = members.filter((m) => m.userId === me.id);
    } else {
      found = members.filter((m) => m.email.toLowerCase() === r || m.name.toLowerCase() === r || m.userId === ref);
      if (found.length === 0) found = members.filter((m) => m.name.toLowerCase().split(/\s+/)[0] === r);
    }
    if (found.length !== 1) throw usage(found.length === 0 ? `no member "${ref}" in this workspace` : `"${ref}" matches several members; use their email`);
    if (!ids.includes(found[0].userId)) ids.push(found[0].userId);
  }
  return ids;
}

export function allLabels(client: WeftClient, workspaceId: string): Promise<Label[]> {
  return collect((cursor) => client.labels.list(workspaceId, { cursor, limit: 200 }));
}

/** Label ids by name (any case). */
export async function resolveLabels(client: WeftClient, workspaceId: string, names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const labels = await allLabels(client, workspaceId);
  return names.map((n) => {
    const l = labels.find((x) => x.name.toLowerCase() === n.toLowerCase());
    if (!l) throw usage(`no label "${n}" (labels: ${labels.map((x) => x.name).join(', ') || 'none'})`);
    return l.id;
  });
}

/** Names to show instead of ids: statuses, spaces, people, labels, fields. */
export type Lookups = {
  spaces: Map<string, Space>;
  statuses: Map<string, Status>;
  people: Map<string, Member>;
  labels: Map<string, Label>;
  fields: Map<string, Field>;
};

export async function loadLookups(client: WeftClient, workspaceId: string, withFields = false): Promise<Lookups> {
  const [spaces, members, labels, fields] = await Promise.all([
    allSpaces(client, workspaceId),
    allMembers(client, workspaceId),
    allLabels(client, workspaceId),
    withFields ? collect((cursor) => client.fields.list(workspaceId, { cursor, limit: 200 })) : Promise.resolve([] as Field[]),
  ]);
  return {
    spaces: new Map(spaces.map((s) => [s.id, s])),
    statuses: new Map(spaces.flatMap((s) => s.statuses.map((x) => [x.id, x] as const))),
    people: new Map(members.map((m) => [m.userId, m])),
    labels: new Map(labels.map((l) => [l.id, l])),
    fields: new Map(fields.map((f) => [f.id, f])),
  };
}

export const personName = (l: Lookups, id: string | null): string => (id ? (l.people.get(id)?.name ?? id) : '');
