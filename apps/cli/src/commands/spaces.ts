import { collect, type Space, type WeftClient } from '@weft/client';
import { PROJECT_STATUSES, SPACE_KINDS } from '@weft/domain';
import { type Command, Option } from 'commander';
import { cliFor } from '../context';
import { CliError } from '../exit-codes';
import { table } from '../format';
import type { Io } from '../io';

type CreateOptions = {
  key: string;
  name: string;
  kind: 'stream' | 'project';
  description?: string;
  goal?: string;
  start?: string;
  target?: string;
  projectStatus?: (typeof PROJECT_STATUSES)[number];
  private?: boolean;
  json?: boolean;
};

/** Every space of a workspace the caller can read. */
export function allSpaces(client: WeftClient, workspaceId: string): Promise<Space[]> {
  return collect((cursor) => client.spaces.list(workspaceId, { cursor, limit: 200 }));
}

/** A space by key (`OPS`, any case) or id. */
export async function findSpace(client: WeftClient, workspaceId: string, ref: string): Promise<Space> {
  const spaces = await allSpaces(client, workspaceId);
  const s = spaces.find((x) => x.key === ref.toUpperCase() || x.id === ref);
  if (!s) throw new CliError('SPACE_NOT_FOUND', `no space "${ref}" (spaces: ${spaces.map((x) => x.key).join(', ') || 'none'})`);
  return s;
}

/** `weft spaces [list|create]`. */
export function registerSpaces(program: Command, io: Io): void {
  const spaces = program.command('spaces').description('list and create spaces (streams and projects)');

  spaces
    .command('list', { isDefault: true })
    .description('the spaces of the current workspace')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const data = await allSpaces(cli.client, (await cli.workspace()).id);
      if (opts.json) return cli.json(data);
      if (data.length === 0) return cli.out('No spaces yet: weft spaces create --key OPS --name Ops');
      const rows = data.map((s) => [s.key, s.name, s.kind, s.projectStatus ?? '', s.visibility, s.targetDate ?? '']);
      cli.out(table(['KEY', 'NAME', 'KIND', 'STATUS', 'VISIBILITY', 'TARGET'], rows));
    });

  spaces
    .command('create')
    .description('create a space with the default workflow')
    .requiredOption('--key <KEY>', 'short uppercase key for item keys, e.g. OPS')
    .requiredOption('--name <name>', 'its name')
    .addOption(new Option('--kind <kind>', 'ongoing stream or time-bound project').choices(SPACE_KINDS).default('stream'))
    .option('--description <markdown>')
    .option('--goal <text>', 'project goal')
    .option('--start <date>', 'project start date (YYYY-MM-DD)')
    .option('--target <date>', 'project target date (YYYY-MM-DD)')
    .addOption(new Option('--project-status <status>').choices(PROJECT_STATUSES))
    .option('--private', 'visible to its members only')
    .option('--json', 'machine-readable output')
    .action(async (opts: CreateOptions, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const ws = await cli.workspace();
      const s = await cli.client.spaces.create(ws.id, {
        key: opts.key.toUpperCase(),
        name: opts.name,
        kind: opts.kind,
        description: opts.description,
        goal: opts.goal,
        startDate: opts.start,
        targetDate: opts.target,
        projectStatus: opts.projectStatus,
        visibility: opts.private ? 'members' : undefined,
      });
      if (opts.json) return cli.json(s);
      cli.out(`Created ${s.kind} ${s.key} (${s.name}) with statuses: ${s.statuses.map((x) => x.name).join(', ')}.`);
    });
}
