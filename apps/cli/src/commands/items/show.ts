import { type Activity, collect, type Comment, type Item } from '@weft/client';
import type { Command } from 'commander';
import { cliFor } from '../../context';
import { due, when } from '../../format';
import type { Io } from '../../io';
import { type Lookups, loadLookups, personName } from './resolve';

const RECENT = 10;

function fieldValue(l: Lookups, fieldId: string, value: unknown): string {
  const f = l.fields.get(fieldId);
  const optionName = (v: unknown) => f?.options.find((o) => o.id === v)?.name ?? String(v);
  if (Array.isArray(value)) return value.map(f?.type === 'person' ? (v) => personName(l, String(v)) : optionName).join(', ');
  if (f?.type === 'select') return optionName(value);
  if (f?.type === 'person') return personName(l, String(value));
  return String(value);
}

// Bookkeeping that always travels with a visible change (a move also writes category and position).
const QUIET_CHANGES = new Set(['statusCategory', 'position', 'completedAt']);

/** One activity line: who did what; a status change reads as `Todo → In Progress`. */
export function activityLine(l: Lookups, a: Activity): string {
  const parts = Object.entries(a.changes ?? {})
    .filter(([k]) => !QUIET_CHANGES.has(k))
    .map(([k, v]) => {
      if (k !== 'statusId') return k;
      const name = (id: unknown) => l.statuses.get(String(id))?.name ?? '?';
      return `${name(v.from)} → ${name(v.to)}`;
    });
  return `  ${when(a.at)}  ${personName(l, a.actorId) || 'system'}  ${a.type}${parts.length ? `  ${parts.join(', ')}` : ''}`;
}

function render(l: Lookups, item: Item, comments: Comment[], activity: Activity[]): string[] {
  const open = item.statusCategory !== 'done' && item.statusCategory !== 'canceled';
  const status = l.statuses.get(item.statusId);
  const rows: Array<[string, string]> = [];
  const row = (k: string, v: string | null | undefined) => {
    if (v) rows.push([k, v]);
  };
  row('Status', `${status?.name ?? '?'} (${item.statusCategory})`);
  row('Space', l.spaces.get(item.spaceId)?.name);
  row('Type', item.type);
  row('Priority', item.priority);
  row('Assignees', item.assigneeIds.map((a) => personName(l, a)).join(', '));
  row('Owner', personName(l, item.ownerId));
  row('Labels', item.labelIds.map((id) => l.labels.get(id)?.name ?? id).join(', '));
  row('Start', when(item.startAt));
  row('Due', due(item.dueAt, open));
  row('Estimate', item.estimate === null ? '' : String(item.estimate));
  row('Subitems', item.progress.total ? `${item.progress.done}/${item.progress.total} done` : '');
  for (const link of item.links) row(link.kind.replace('_', ' '), `${link.itemKey} ${link.title}`);
  for (const [id, v] of Object.entries(item.fields)) if (v !== null) row(l.fields.get(id)?.name ?? id, fieldValue(l, id, v));
  row('Completed', when(item.completedAt));
  row('Created', `${when(item.createdAt)} by ${personName(l, item.createdBy)}`);
  row('Updated', `${when(item.updatedAt)} (version ${item.version})`);
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  const lines = [`${item.key}  ${item.title}`, '', ...rows.map(([k, v]) => `${`${k}:`.padEnd(width)}${v}`)];
  if (item.description.trim()) lines.push('', item.description.trim());
  lines.push('', `Comments (${comments.length})`);
  for (const c of comments) lines.push(`  ${personName(l, c.authorId)} · ${when(c.createdAt)}`, ...c.body.split('\n').map((s) => `    ${s}`));
  const recent = activity.slice(-RECENT);
  lines.push('', `Activity (${recent.length < activity.length ? `last ${recent.length} of ` : ''}${activity.length})`);
  lines.push(...recent.map((a) => activityLine(l, a)));
  return lines;
}

/** `weft items show <KEY>`: fields, description, comments and recent activity. */
export function registerShow(items: Command, io: Io): void {
  items
    .command('show')
    .description('an item with its fields, description, comments and activity')
    .argument('<KEY>', 'the item key, e.g. OPS-42')
    .option('--json', 'machine-readable output: { item, comments, activity }')
    .action(async (key: string, opts: { json?: boolean }, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const item = await cli.client.items.get(key);
      const [comments, activity] = await Promise.all([
        collect((cursor) => cli.client.comments.list(item.id, { cursor, limit: 200 })),
        collect((cursor) => cli.client.items.activity(item.id, { cursor, limit: 200 })),
      ]);
      if (opts.json) return cli.json({ item, comments, activity });
      const l = await loadLookups(cli.client, item.workspaceId, Object.keys(item.fields).length > 0);
      cli.out(render(l, item, comments, activity).join('\n'));
    });
}
