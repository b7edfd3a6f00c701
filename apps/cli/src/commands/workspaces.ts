import type { Command } from 'commander';
import { cliFor } from '../context';
import { usage } from '../exit-codes';
import { table } from '../format';
import type { Io } from '../io';

type JsonOpt = { json?: boolean };

/** `weft workspaces [list|create|use]`. */
export function registerWorkspaces(program: Command, io: Io): void {
  const ws = program.command('workspaces').description('list, create and choose workspaces');

  ws.command('list', { isDefault: true })
    .description('the workspaces you belong to (* marks the current one)')
    .option('--json', 'machine-readable output')
    .action(async (opts: JsonOpt, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const { data } = await cli.client.workspaces.list();
      if (opts.json) return cli.json(data);
      if (data.length === 0) return cli.out('No workspaces yet: weft workspaces create <name>');
      const current = cli.config.workspaceId;
      cli.out(table(['', 'SLUG', 'NAME', 'ROLE', 'ID'], data.map((w) => [w.id === current ? '*' : '', w.slug, w.name, w.role, w.id])));
    });

  ws.command('create')
    .description('create a workspace (you become its owner) and make it the current one')
    .argument('<name...>', 'its name')
    .option('--slug <slug>', 'short name for URLs (derived from the name when absent)')
    .option('--json', 'machine-readable output')
    .action(async (name: string[], opts: JsonOpt & { slug?: string }, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const w = await cli.client.workspaces.create({ name: name.join(' '), slug: opts.slug });
      if (cli.config.token) cli.saveConfig({ ...cli.config, workspaceId: w.id });
      if (opts.json) return cli.json(w);
      cli.out(`Created workspace ${w.name} (${w.slug}); it is now the current one.`);
    });

  ws.command('use')
    .description('make a workspace the current one')
    .argument('<id-or-slug>')
    .action(async (ref: string, _opts: unknown, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const { data } = await cli.client.workspaces.list();
      const w = data.find((x) => x.id === ref || x.slug === ref.toLowerCase());
      if (!w) throw usage(`no workspace "${ref}" among yours (${data.map((x) => x.slug).join(', ') || 'none'})`);
      cli.saveConfig({ ...cli.config, server: cli.config.server ?? cli.server, workspaceId: w.id });
      cli.out(`Current workspace: ${w.name} (${w.slug}).`);
    });
}
