import { readFileSync } from 'node:fs';
import type { WeftClient } from '@weft/client';
import { type Command, Option } from 'commander';
import { type Cli, cliFor } from '../context';
import { CliError, usage } from '../exit-codes';
import { table, when } from '../format';
import type { Io } from '../io';
import { findSpace } from './spaces';

type Routine = Awaited<ReturnType<WeftClient['routines']['get']>>;
type CreateInput = Parameters<WeftClient['routines']['create']>[1];

const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** A routine by id or by name (case-insensitive) within a space. */
async function findRoutine(cli: Cli, spaceRef: string | undefined, ref: string): Promise<Routine> {
  if (!spaceRef) return cli.client.routines.get(ref);
  const space = await findSpace(cli.client, (await cli.workspace()).id, spaceRef);
  const { data } = await cli.client.routines.list(space.id, { limit: 200 });
  const r = data.find((x) => x.id === ref || x.name.toLowerCase() === ref.toLowerCase());
  if (!r) throw new CliError('ROUTINE_NOT_FOUND', `no routine "${ref}" in ${space.key} (routines: ${data.map((x) => x.name).join(', ') || 'none'})`);
  return r;
}

const stateOf = (r: Routine) => (r.paused ? 'paused' : r.nextAt ? 'active' : r.anchor === 'completion' ? 'waiting' : 'finished');

/** `weft routines add|list|preview|pause|resume`. */
export function registerRoutines(program: Command, io: Io): void {
  const routines = program.command('routines').description('recurring work: routines that create items on a schedule');

  routines
    .command('list', { isDefault: true })
    .description("a space's routines with their next date")
    .requiredOption('--space <KEY>', 'the space')
    .option('--json', 'machine-readable output')
    .action(async (opts: { space: string; json?: boolean }, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const space = await findSpace(cli.client, (await cli.workspace()).id, opts.space);
      const { data } = await cli.client.routines.list(space.id, { limit: 200 });
      if (opts.json) return cli.json(data);
      if (data.length === 0) return cli.out(`No routines in ${space.key} yet: weft routines add --space ${space.key} --name Payroll --rule "FREQ=MONTHLY;BYMONTHDAY=-1" --start 2026-01-31T09:00 --title "Payroll {{date:MMMM}}"`);
      cli.out(table(['NAME', 'RULE', 'ZONE', 'STATE', 'NEXT'], data.map((r) => [r.name, r.anchor === 'completion' ? `${r.recurrence.rrule} after completion` : r.recurrence.rrule, r.recurrence.timeZone, stateOf(r), when(r.nextAt)])));
    });

  routines
    .command('add')
    .description('create a routine (or give the whole routine as JSON with --from)')
    .requiredOption('--space <KEY>', 'the space its items go to')
    .option('--name <name>', 'its name')
    .option('--rule <rrule>', 'RFC 5545 rule, e.g. "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"')
    .option('--start <local>', "first date and time, local 'YYYY-MM-DDTHH:mm'")
    .option('--tz <zone>', 'IANA time zone (default: this machine’s)')
    .option('--title <template>', 'item title; {{date:MMMM YYYY}} and friends are replaced per occurrence')
    .addOption(new Option('--anchor <anchor>', 'schedule: on its dates; completion: N units after the last is completed').choices(['schedule', 'completion']).default('schedule'))
    .option('--lead-days <n>', 'create each item this many days before it is due', (v) => Number(v))
    .option('--skip-while-open', 'skip an occurrence while the previous item is still open')
    .addOption(new Option('--priority <priority>', 'item priority').choices(['none', 'low', 'medium', 'high', 'urgent']))
    .option('--rotate <userIds...>', 'assign each occurrence to the next of these people')
    .option('--except <dates...>', "exception dates 'YYYY-MM-DD'")
    .option('--from <file>', 'a JSON file with the routine (as POST /spaces/{id}/routines takes it)')
    .option('--json', 'machine-readable output')
    .action(async (opts: Record<string, string | string[] | number | boolean | undefined>, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const space = await findSpace(cli.client, (await cli.workspace()).id, opts.space as string);
      let input: CreateInput;
      if (opts.from) {
        try {
          input = JSON.parse(readFileSync(opts.from as string, 'utf8')) as CreateInput;
        } catch (e) {
          throw usage(`--from ${opts.from}: ${(e as Error).message}`);
        }
      } else {
        if (!opts.name || !opts.rule || !opts.start || !opts.title) throw usage('give --name, --rule, --start and --title (or --from <file.json>)');
        input = {
          name: opts.name as string,
          recurrence: { rrule: opts.rule as string, timeZone: (opts.tz as string) ?? localZone(), start: opts.start as string, ...(opts.except ? { exdates: opts.except as string[] } : {}) },
          anchor: opts.anchor as 'schedule',
          template: { title: opts.title as string, ...(opts.priority ? { priority: opts.priority as 'none' } : {}) },
          ...(opts.leadDays !== undefined ? { leadDays: opts.leadDays as number } : {}),
          ...(opts.skipWhileOpen ? { skipWhileOpen: true } : {}),
          ...(opts.rotate ? { rotation: opts.rotate as string[] } : {}),
        };
      }
      const r = await cli.client.routines.create(space.id, input);
      if (opts.json) return cli.json(r);
      cli.out(`Created routine "${r.name}" in ${space.key} (${r.id})`);
      cli.out(r.nextAt ? `Next: ${when(r.nextAt)} UTC (see: weft routines preview ${r.id})` : 'No upcoming date.');
    });

  routines
    .command('preview <routine>')
    .description('the next dates, in the routine’s zone and yours')
    .option('--space <KEY>', 'find the routine by name in this space (else give its id)')
    .option('--count <n>', 'how many (1-100)', (v) => Number(v), 10)
    .option('--json', 'machine-readable output')
    .action(async (ref: string, opts: { space?: string; count: number; json?: boolean }, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const r = await findRoutine(cli, opts.space, ref);
      const p = await cli.client.routines.preview(r.id, opts.count);
      if (opts.json) return cli.json(p);
      if (p.occurrences.length === 0) return cli.out(p.waitingForCompletion ? `"${r.name}" waits for its current item to be completed.` : `"${r.name}" has no upcoming dates.`);
      const sameZone = p.occurrences[0]?.local.timeZone === p.occurrences[0]?.viewer.timeZone;
      const head = ['DATE', 'TIME', ...(sameZone ? [] : ['YOURS']), 'STATE', 'TITLE'];
      cli.out(`${r.name}${p.paused ? ' (paused)' : ''}, ${r.recurrence.timeZone}`);
      cli.out(table(head, p.occurrences.map((o) => [o.local.date, o.local.time, ...(sameZone ? [] : [`${o.viewer.date} ${o.viewer.time} ${o.viewer.timeZone}`]), o.state, o.title])));
    });

  for (const [verb, paused] of [['pause', true], ['resume', false]] as const) {
    routines
      .command(`${verb} <routine>`)
      .description(paused ? 'stop creating items until resumed' : 'continue from now (paused dates are not created)')
      .option('--space <KEY>', 'find the routine by name in this space (else give its id)')
      .option('--json', 'machine-readable output')
      .action(async (ref: string, opts: { space?: string; json?: boolean }, cmd: Command) => {
        const cli = cliFor(io, cmd);
        const r = await findRoutine(cli, opts.space, ref);
        const out = paused ? await cli.client.routines.pause(r.id) : await cli.client.routines.resume(r.id);
        if (opts.json) return cli.json(out);
        cli.out(paused ? `Paused "${out.name}".` : `Resumed "${out.name}". Next: ${when(out.nextAt)} UTC`);
      });
  }
}
