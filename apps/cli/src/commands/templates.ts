import { collect, type WeftClient } from '@weft/client';
import { type Command, Option } from 'commander';
import { cliFor } from '../context';
import { CliError, usage } from '../exit-codes';
import { table } from '../format';
import type { Io } from '../io';
import { findSpace } from './spaces';

type Template = Awaited<ReturnType<WeftClient['templates']['get']>>;

/** A template by id or name (any case). */
async function findTemplate(client: WeftClient, workspaceId: string, ref: string): Promise<Template> {
  const all = await collect((cursor) => client.templates.list(workspaceId, { cursor, limit: 200 }));
  const t = all.find((x) => x.id === ref) ?? all.find((x) => x.name.toLowerCase() === ref.toLowerCase());
  if (!t) throw new CliError('TEMPLATE_NOT_FOUND', `no template "${ref}" (templates: ${all.map((x) => x.name).join(', ') || 'none'})`);
  return t;
}

type ApplyOptions = { space?: string; title?: string; key?: string; name?: string; json?: boolean };

/** `weft templates list|apply|save`. */
export function registerTemplates(program: Command, io: Io): void {
  const templates = program.command('templates').description('item and space templates');

  templates
    .command('list', { isDefault: true })
    .description('the templates you can use in the current workspace')
    .addOption(new Option('--kind <kind>').choices(['item', 'space']))
    .option('--json', 'machine-readable output')
    .action(async (opts: { kind?: 'item' | 'space'; json?: boolean }, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const ws = await cli.workspace();
      const data = await collect((cursor) => cli.client.templates.list(ws.id, { cursor, limit: 200, kind: opts.kind }));
      if (opts.json) return cli.json(data);
      if (data.length === 0) return cli.out('No templates yet: weft templates save OPS-1 --name "My template"');
      cli.out(table(['NAME', 'KIND', 'DESCRIPTION'], data.map((t) => [t.name, t.kind, t.description])));
    });

  templates
    .command('apply')
    .description('create from a template: an item (with --space) or a new space (with --key and --name)')
    .argument('<template>', 'its name or id')
    .option('--space <KEY>', 'item templates: the space to create the item in')
    .option('--title <title>', 'item templates: a title instead of the template’s')
    .option('--key <KEY>', 'space templates: the new space’s key')
    .option('--name <name>', 'space templates: the new space’s name')
    .option('--json', 'machine-readable output')
    .action(async (ref: string, opts: ApplyOptions, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const ws = await cli.workspace();
      const t = await findTemplate(cli.client, ws.id, ref);
      if (t.kind === 'item') {
        if (!opts.space) throw usage(`"${t.name}" is an item template: say where with --space <KEY>`);
        const space = await findSpace(cli.client, ws.id, opts.space);
        const made = await cli.client.templates.apply(t.id, { spaceId: space.id, title: opts.title });
        if (opts.json) return cli.json(made);
        const subs = made.subitems?.length ?? 0;
        return cli.out(`Created ${made.item?.key}: ${made.item?.title}${subs ? ` with ${subs} subitem${subs === 1 ? '' : 's'}` : ''}.`);
      }
      if (!opts.key || !opts.name) throw usage(`"${t.name}" is a space template: give the new space --key and --name`);
      const made = await cli.client.templates.apply(t.id, { key: opts.key.toUpperCase(), name: opts.name });
      if (opts.json) return cli.json(made);
      cli.out(`Created space ${made.space?.key} (${made.space?.name}) with statuses: ${made.space?.statuses.map((s) => s.name).join(', ')}.`);
    });

  templates
    .command('save')
    .description('save an item (with its subitems) as a template')
    .argument('<item>', 'its key, e.g. OPS-42')
    .requiredOption('--name <name>', 'the template’s name')
    .option('--workspace-wide', 'for every member, not only those who can read the item’s space')
    .option('--json', 'machine-readable output')
    .action(async (key: string, opts: { name: string; workspaceWide?: boolean; json?: boolean }, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const t = await cli.client.templates.saveItem(key, { name: opts.name, scope: opts.workspaceWide ? 'workspace' : 'space' });
      if (opts.json) return cli.json(t);
      cli.out(`Saved ${key} as the template "${t.name}".`);
    });
}
