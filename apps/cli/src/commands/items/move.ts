import type { Command } from 'commander';
import { cliFor } from '../../context';
import type { Io } from '../../io';
import { explainConflict } from './edit';
import { firstStatusIn, statusByName } from './resolve';

type MoveOptions = { status: string; json?: boolean };

/** `weft items move <KEY> --status "In Progress"` and `weft items done <KEY>`. */
export function registerMove(items: Command, io: Io): void {
  items
    .command('move')
    .description('move an item to another status of its space (to the top of it)')
    .argument('<KEY>', 'the item key, e.g. OPS-42')
    .requiredOption('--status <name>', 'the status, by name ("In Progress") or category (in_progress)')
    .option('--json', 'machine-readable output')
    .action(async (key: string, opts: MoveOptions, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const item = await cli.client.items.get(key);
      const status = statusByName(await cli.client.spaces.get(item.spaceId), opts.status);
      const moved = await explainConflict(item, () => cli.client.items.move(item.id, { statusId: status.id, version: item.version }));
      if (opts.json) return cli.json(moved);
      cli.out(`Moved ${moved.key} to ${status.name}.`);
    });

  items
    .command('done')
    .description("move an item to its space's first done status")
    .argument('<KEY>', 'the item key, e.g. OPS-42')
    .option('--json', 'machine-readable output')
    .action(async (key: string, opts: { json?: boolean }, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const item = await cli.client.items.get(key);
      const status = firstStatusIn(await cli.client.spaces.get(item.spaceId), 'done');
      const moved = item.statusCategory === 'done' ? item : await explainConflict(item, () => cli.client.items.move(item.id, { statusId: status.id, version: item.version }));
      if (opts.json) return cli.json(moved);
      cli.out(moved === item ? `${item.key} is already done.` : `Done: ${moved.key} ${moved.title}`);
    });
}
