import type { Command } from 'commander';
import { cliFor } from '../../context';
import { usage } from '../../exit-codes';
import type { Io } from '../../io';

/** `weft items comment <KEY> <text...>`: markdown, with @mentions. */
export function registerComment(items: Command, io: Io): void {
  items
    .command('comment')
    .description('comment on an item (markdown; @"Full Name" or @email mentions)')
    .argument('<KEY>', 'the item key, e.g. OPS-42')
    .argument('<text...>', 'the comment')
    .option('--json', 'machine-readable output')
    .action(async (key: string, text: string[], opts: { json?: boolean }, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const body = text.join(' ').trim();
      if (!body) throw usage('the comment is empty');
      const c = await cli.client.comments.create(key, { body });
      if (opts.json) return cli.json(c);
      cli.out(`Commented on ${key.toUpperCase()}${c.mentionIds.length ? ` (mentioned ${c.mentionIds.length})` : ''}.`);
    });
}
