import { collect, type WeftClient } from '@weft/client';
import type { Command } from 'commander';
import { cliFor } from '../context';
import { CliError, usage } from '../exit-codes';
import { table, when } from '../format';
import type { Io } from '../io';

type Checkin = Awaited<ReturnType<WeftClient['checkins']['get']>>;
type CheckinOccurrence = Awaited<ReturnType<WeftClient['checkins']['askNow']>>;

/** A check-in by id or by name (any case). */
async function findCheckin(client: WeftClient, workspaceId: string, ref: string): Promise<Checkin> {
  const all = await collect((cursor) => client.checkins.list(workspaceId, { cursor, limit: 200 }));
  const c = all.find((x) => x.id === ref) ?? all.find((x) => x.name.toLowerCase() === ref.toLowerCase());
  if (!c) throw new CliError('CHECKIN_NOT_FOUND', `no check-in "${ref}" (check-ins: ${all.map((x) => x.name).join(', ') || 'none'})`);
  return c;
}

/** The occurrence of a date, or by default the latest one that still waits for me (else the latest). */
async function findOccurrence(client: WeftClient, checkinId: string, date?: string): Promise<CheckinOccurrence> {
  const page = await client.checkins.occurrences(checkinId, { limit: 50 });
  if (page.data.length === 0) throw new CliError('OCCURRENCE_NOT_FOUND', 'this check-in has not asked anything yet');
  if (date) {
    const o = page.data.find((x) => x.date === date);
    if (!o) throw new CliError('OCCURRENCE_NOT_FOUND', `no occurrence on ${date} (latest: ${page.data.map((x) => x.date).slice(0, 5).join(', ')})`);
    return o;
  }
  return page.data.find((x) => x.myState === 'pending') ?? page.data[0];
}

/** `weft checkins list|show|answer`. */
export function registerCheckins(program: Command, io: Io): void {
  const checkins = program.command('checkins').description('recurring questions to people, and your answers');

  checkins
    .command('list', { isDefault: true })
    .description('the check-ins of the current workspace you can see')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const ws = await cli.workspace();
      const data = await collect((cursor) => cli.client.checkins.list(ws.id, { cursor, limit: 200 }));
      if (opts.json) return cli.json(data);
      if (data.length === 0) return cli.out('No check-ins yet.');
      const rows = data.map((c) => [c.name, c.recurrence.rrule, c.recurrence.start.slice(11), c.participantIds.length, c.visibility, c.pausedAt ? 'paused' : '', c.question]);
      cli.out(table(['NAME', 'RULE', 'AT', 'PEOPLE', 'VISIBILITY', 'STATE', 'QUESTION'], rows));
    });

  checkins
    .command('show')
    .description('a check-in and its occurrences; with --date, who answered that day and what')
    .argument('<check-in>', 'its name or id')
    .option('--date <YYYY-MM-DD>', 'one occurrence (`latest` for the newest)')
    .option('--json', 'machine-readable output')
    .action(async (ref: string, opts: { date?: string; json?: boolean }, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const c = await findCheckin(cli.client, (await cli.workspace()).id, ref);
      if (!opts.date) {
        const occurrences = (await cli.client.checkins.occurrences(c.id, { limit: 20 })).data;
        if (opts.json) return cli.json({ checkin: c, occurrences });
        cli.out(`${c.name}: ${c.question}`);
        cli.out(`Every ${c.recurrence.rrule} at ${c.recurrence.start.slice(11)} (each person's own time zone; fallback ${c.recurrence.timeZone})`);
        cli.out();
        if (occurrences.length === 0) return cli.out('Nothing asked yet.');
        return cli.out(table(['DATE', 'ANSWERED', 'SKIPPED', 'PENDING', 'ME'], occurrences.map((o) => [o.date, o.counts.answered, o.counts.skipped, o.counts.pending, o.myState ?? ''])));
      }
      const o = await findOccurrence(cli.client, c.id, opts.date === 'latest' ? undefined : opts.date);
      const page = await cli.client.checkins.occurrence(c.id, o.id);
      if (opts.json) return cli.json(page);
      const name = new Map(page.prompts.map((p) => [p.userId, p.name]));
      cli.out(`${c.name}, ${page.date}: ${page.question}`);
      cli.out(`Answered: ${page.answered.map((id) => name.get(id)).join(', ') || 'nobody yet'}`);
      cli.out(`Skipped:  ${page.skipped.map((id) => name.get(id)).join(', ') || 'nobody'}`);
      cli.out(`Pending:  ${page.pending.map((id) => name.get(id)).join(', ') || 'nobody'}`);
      for (const a of page.answers) {
        cli.out();
        cli.out(`## ${name.get(a.userId) ?? a.userId}${a.editedAt ? ' (edited)' : ''}`);
        cli.out(a.body);
        for (const cm of a.comments) cli.out(`  > ${when(cm.createdAt)}: ${cm.body}`);
      }
    });

  checkins
    .command('answer')
    .description('answer a check-in (the latest occurrence waiting for you, or --date); edits your answer if you already gave one')
    .argument('<check-in>', 'its name or id')
    .argument('[text...]', 'your answer (markdown); omit it with --draft to send your draft')
    .option('--date <YYYY-MM-DD>', 'the occurrence to answer')
    .option('--draft', 'print your draft (what moved for you); with no text, answer with it')
    .option('--skip', 'skip this occurrence instead of answering')
    .option('--json', 'machine-readable output')
    .action(async (ref: string, words: string[], opts: { date?: string; draft?: boolean; skip?: boolean; json?: boolean }, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const c = await findCheckin(cli.client, (await cli.workspace()).id, ref);
      const o = await findOccurrence(cli.client, c.id, opts.date);
      if (opts.skip) {
        if (words.length) throw usage('--skip takes no answer text');
        const r = await cli.client.checkins.skip(c.id, o.id);
        return opts.json ? cli.json(r) : cli.out(`Skipped ${c.name} of ${o.date}.`);
      }
      let body = words.join(' ').trim();
      if (opts.draft) {
        const draft = await cli.client.checkins.draft(c.id, o.id);
        if (!body) body = draft.markdown || 'Nothing moved this time.';
        else if (!opts.json) cli.out(draft.markdown || '(nothing moved)');
      }
      if (!body) throw usage('give your answer as text, or --draft to send your draft, or --skip');
      const page = await cli.client.checkins.occurrence(c.id, o.id);
      const mine = page.answers.find((a) => a.abilities.update);
      const answer = await cli.client.checkins.answer(c.id, o.id, body, mine?.version);
      if (opts.json) return cli.json(answer);
      cli.out(`${mine ? 'Updated' : 'Answered'} ${c.name} of ${o.date}.`);
    });
}
