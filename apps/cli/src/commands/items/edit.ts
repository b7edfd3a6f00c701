import { isWeftApiError, type Item, type UpdateItemInput, type WeftClient } from '@weft/client';
import { PRIORITIES } from '@weft/domain';
import { type Command, Option } from 'commander';
import { cliFor } from '../../context';
import { CliError, usage } from '../../exit-codes';
import type { Io } from '../../io';
import { many, resolveLabels, resolvePeople, statusByName } from './resolve';

type EditOptions = {
  title?: string;
  description?: string;
  priority?: (typeof PRIORITIES)[number];
  status?: string;
  due?: string;
  start?: string;
  assignee?: string[];
  label?: string[];
  estimate?: string;
  ifVersion?: string;
  json?: boolean;
};

const NONE = 'none';
const orNull = (v: string | undefined) => (v === undefined ? undefined : v === NONE ? null : v);

/** Runs a versioned write and turns a conflict into advice instead of a bare code. */
export async function explainConflict<T>(item: Item, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (!isWeftApiError(e) || e.code !== 'VERSION_CONFLICT') throw e;
    const now = (e.current as { version?: number } | undefined)?.version;
    throw new CliError(
      'VERSION_CONFLICT',
      `${item.key} was changed by someone else (you had version ${item.version}${now ? `, it is now ${now}` : ''}); nothing was written. Look at it with \`weft items show ${item.key}\` and run your command again.`,
    );
  }
}

async function changes(client: WeftClient, item: Item, opts: EditOptions): Promise<UpdateItemInput> {
  const input: UpdateItemInput = {};
  if (opts.title !== undefined) input.title = opts.title;
  if (opts.description !== undefined) input.description = opts.description;
  if (opts.priority !== undefined) input.priority = opts.priority;
  if (opts.due !== undefined) input.dueAt = orNull(opts.due);
  if (opts.start !== undefined) input.startAt = orNull(opts.start);
  if (opts.estimate !== undefined) input.estimate = opts.estimate === NONE ? null : Number(opts.estimate);
  if (opts.status !== undefined) input.statusId = statusByName(await client.spaces.get(item.spaceId), opts.status).id;
  const people = opts.assignee?.filter((a) => a !== NONE);
  if (opts.assignee !== undefined) input.assigneeIds = await resolvePeople(client, item.workspaceId, people ?? []);
  const labels = opts.label?.filter((a) => a !== NONE);
  if (opts.label !== undefined) input.labelIds = await resolveLabels(client, item.workspaceId, labels ?? []);
  return input;
}

/** `weft items edit <KEY> --title ... --priority ... --status ...`: a versioned partial update. */
export function registerEdit(items: Command, io: Io): void {
  items
    .command('edit')
    .description('change an item (based on the version just read, or --if-version)')
    .argument('<KEY>', 'the item key, e.g. OPS-42')
    .option('--title <title>')
    .option('--description <markdown>')
    .addOption(new Option('--priority <priority>').choices(PRIORITIES))
    .option('--status <name>', 'a status of its space, by name')
    .option('--due <date>', 'YYYY-MM-DD, an ISO date-time, or none')
    .option('--start <date>', 'YYYY-MM-DD, an ISO date-time, or none')
    .option('--assignee <who>', 'replaces the assignees: me, email or name (repeatable); none clears', many)
    .option('--label <name>', 'replaces the labels (repeatable); none clears', many)
    .option('--estimate <n>', 'a number, or none')
    .option('--if-version <n>', 'refuse (exit 6) unless the item is still at this version')
    .option('--json', 'machine-readable output')
    .action(async (key: string, opts: EditOptions, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const item = await cli.client.items.get(key);
      const input = await changes(cli.client, item, opts);
      if (Object.keys(input).length === 0) throw usage('nothing to change: pass --title, --priority, --status, --due, --assignee, --label...');
      const version = opts.ifVersion === undefined ? item.version : Number(opts.ifVersion);
      if (!Number.isInteger(version) || version < 1) throw usage('--if-version must be a version number');
      const updated = await explainConflict({ ...item, version }, () => cli.client.items.update(item.id, { ...input, version }));
      if (opts.json) return cli.json(updated);
      cli.out(`Updated ${updated.key} (version ${updated.version}): ${Object.keys(input).join(', ')}`);
    });
}
