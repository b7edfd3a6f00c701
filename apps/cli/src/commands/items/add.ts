import { PRIORITIES } from '@weft/domain';
import { type Command, Option } from 'commander';
import { cliFor } from '../../context';
import type { Io } from '../../io';
import { findSpace } from '../spaces';
import { many, resolveLabels, resolvePeople, statusByName } from './resolve';

type AddOptions = {
  space: string;
  priority?: (typeof PRIORITIES)[number];
  assignee: string[];
  label: string[];
  due?: string;
  start?: string;
  description?: string;
  type?: string;
  status?: string;
  parent?: string;
  estimate?: string;
  json?: boolean;
};

/** `weft items add <title> --space OPS ...`. */
export function registerAdd(items: Command, io: Io): void {
  items
    .command('add')
    .description('create an item')
    .argument('<title...>', 'its title')
    .requiredOption('--space <KEY>', 'the space it lives in, by key')
    .addOption(new Option('--priority <priority>').choices(PRIORITIES))
    .option('--assignee <who>', 'me, an email or a name (repeatable)', many, [])
    .option('--label <name>', 'a label name (repeatable)', many, [])
    .option('--due <date>', 'due date: YYYY-MM-DD or an ISO date-time')
    .option('--start <date>', 'start date: YYYY-MM-DD or an ISO date-time')
    .option('--description <markdown>')
    .option('--type <type>', 'task, request, bug, milestone or a workspace type')
    .option('--status <name>', 'a status of the space (default: its first)')
    .option('--parent <KEY>', 'make it a subitem of this item')
    .option('--estimate <n>', 'estimate (a number)')
    .option('--json', 'machine-readable output')
    .action(async (title: string[], opts: AddOptions, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const ws = await cli.workspace();
      const space = await findSpace(cli.client, ws.id, opts.space);
      const [assigneeIds, labelIds, parent] = await Promise.all([
        resolvePeople(cli.client, ws.id, opts.assignee),
        resolveLabels(cli.client, ws.id, opts.label),
        opts.parent ? cli.client.items.get(opts.parent) : Promise.resolve(null),
      ]);
      const item = await cli.client.items.create(space.id, {
        title: title.join(' '),
        description: opts.description,
        type: opts.type,
        priority: opts.priority,
        statusId: opts.status ? statusByName(space, opts.status).id : undefined,
        assigneeIds,
        labelIds,
        dueAt: opts.due,
        startAt: opts.start,
        parentId: parent?.id,
        estimate: opts.estimate === undefined ? undefined : Number(opts.estimate),
      });
      if (opts.json) return cli.json(item);
      cli.out(`Created ${item.key}: ${item.title}`);
    });
}
