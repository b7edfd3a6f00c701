import type { Item } from '@weft/client';
import type { Command } from 'commander';
import { cliFor } from '../../context';
import { usage } from '../../exit-codes';
import { due, table } from '../../format';
import type { Io } from '../../io';
import { type Lookups, loadLookups, personName } from './resolve';

type ListOptions = { limit: string; all?: boolean; json?: boolean };

export function itemRow(l: Lookups, i: Item): Array<string | null> {
  const open = i.statusCategory !== 'done' && i.statusCategory !== 'canceled';
  return [
    i.key,
    l.statuses.get(i.statusId)?.name ?? i.statusCategory,
    i.priority === 'none' ? '' : i.priority,
    i.assigneeIds.map((a) => personName(l, a)).join(', '),
    due(i.dueAt, open),
    i.title,
  ];
}

export const ITEM_COLUMNS = ['KEY', 'STATUS', 'PRIORITY', 'ASSIGNEES', 'DUE', 'TITLE'];

/** `weft items list [query...]`: the query language, as in the web app and saved views. */
export function registerList(items: Command, io: Io): void {
  items
    .command('list', { isDefault: true })
    .description('items matching a query, e.g. `weft items list assignee:me is:open sort:due`')
    .argument('[query...]', 'the query language: status: category: assignee: label: priority:>=high space: due:overdue is:open text...')
    .option('--limit <n>', 'at most this many (1-200)', '50')
    .option('--all', 'every match, page after page')
    .option('--json', 'machine-readable output')
    .action(async (query: string[], opts: ListOptions, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw usage('--limit must be a whole number from 1 to 200');
      const ws = await cli.workspace();
      const q = query.join(' ');
      const data: Item[] = [];
      let cursor: string | undefined;
      let more = false;
      do {
        const page = await cli.client.items.query(ws.id, { q, cursor, limit });
        data.push(...page.data);
        cursor = page.nextCursor ?? undefined;
        more = cursor !== undefined;
      } while (opts.all && more);
      if (opts.json) return cli.json(data);
      if (data.length === 0) return cli.out('No items match.');
      const l = await loadLookups(cli.client, ws.id);
      cli.out(table(ITEM_COLUMNS, data.map((i) => itemRow(l, i))));
      if (more) cli.out(`… more match; use --all or --limit (at most 200)`);
    });
}
