import { readFileSync } from 'node:fs';
import type { WeftClient } from '@weft/client';
import { FORM_FIELD_KINDS, FORM_TARGETS, REQUEST_STATES, SLA_STATES } from '@weft/domain';
import { type Command, Option } from 'commander';
import { type Cli, cliFor } from '../context';
import { CliError, usage } from '../exit-codes';
import { table, when } from '../format';
import type { Io } from '../io';
import { findSpace } from './spaces';

type CreateFormInput = Parameters<WeftClient['forms']['create']>[1];
type Form = Awaited<ReturnType<WeftClient['forms']['list']>>['data'][number];
type FieldSpec = CreateFormInput['fields'][number];

/**
 * `--field key:kind:Label[:mapsTo]`; a key ending in `!` is required. Choice fields and custom-field
 * maps need more than a flag holds: give the whole form as JSON with `--from`.
 */
export function parseFieldSpec(spec: string): FieldSpec {
  const [rawKey, kind, label, mapsTo] = spec.split(':');
  if (!rawKey || !kind || !label) throw usage(`--field "${spec}": use key:kind:Label[:mapsTo] (kinds: ${FORM_FIELD_KINDS.join(', ')})`);
  if (!(FORM_FIELD_KINDS as readonly string[]).includes(kind)) throw usage(`--field "${spec}": kind must be one of ${FORM_FIELD_KINDS.join(', ')}`);
  if (mapsTo && !(FORM_TARGETS as readonly string[]).includes(mapsTo)) throw usage(`--field "${spec}": mapsTo must be one of ${FORM_TARGETS.join(', ')}`);
  const required = rawKey.endsWith('!');
  return { key: rawKey.replace(/!$/, ''), kind: kind as FieldSpec['kind'], label, required, ...(mapsTo ? { mapsTo: mapsTo as FieldSpec['mapsTo'] } : {}) };
}

const linkOf = (cli: Cli, f: Pick<Form, 'publicId'>) => `${cli.server}/api/v1/forms/${f.publicId}`;

async function findForm(cli: Cli, spaceRef: string, ref: string): Promise<{ form: Form; spaceId: string }> {
  const space = await findSpace(cli.client, (await cli.workspace()).id, spaceRef);
  const { data } = await cli.client.forms.list(space.id);
  const form = data.find((f) => f.id === ref || f.publicId === ref || f.name.toLowerCase() === ref.toLowerCase());
  if (!form) throw new CliError('FORM_NOT_FOUND', `no form "${ref}" in ${space.key} (forms: ${data.map((f) => f.name).join(', ') || 'none'})`);
  return { form, spaceId: space.id };
}

/** `weft forms list|create|show|requests|accept|decline|merge|status`. */
export function registerIntake(program: Command, io: Io): void {
  const forms = program.command('forms').description('intake forms, their requests and triage');

  forms
    .command('list', { isDefault: true })
    .description("a space's forms with their links")
    .requiredOption('--space <KEY>', 'the space')
    .option('--json', 'machine-readable output')
    .action(async (opts: { space: string; json?: boolean }, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const space = await findSpace(cli.client, (await cli.workspace()).id, opts.space);
      const { data } = await cli.client.forms.list(space.id);
      if (opts.json) return cli.json(data);
      if (data.length === 0) return cli.out(`No forms in ${space.key} yet: weft forms create --space ${space.key} --name "IT help" --field "summary:short_text:Summary:title"`);
      cli.out(table(['NAME', 'ACCESS', 'FIELDS', 'STATE', 'LINK'], data.map((f) => [f.name, f.access, f.fields.length, f.closedAt ? 'closed' : 'open', linkOf(cli, f)])));
    });

  forms
    .command('create')
    .description('create a form (fields as --field key:kind:Label[:mapsTo], or the whole form as JSON with --from)')
    .requiredOption('--space <KEY>', 'the space it files into')
    .option('--name <name>', 'its name')
    .option('--public', 'anyone with the link may submit (asks for an email); default: signed-in members only')
    .option('--field <spec...>', 'key:kind:Label[:mapsTo]; key! is required; exactly one field maps to title')
    .addOption(new Option('--priority <priority>', 'default priority').choices(['none', 'low', 'medium', 'high', 'urgent']))
    .option('--from <file>', 'a JSON file with the form (as POST /spaces/{id}/forms takes it)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { space: string; name?: string; public?: boolean; field?: string[]; priority?: 'none'; from?: string; json?: boolean }, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const space = await findSpace(cli.client, (await cli.workspace()).id, opts.space);
      let input: CreateFormInput;
      if (opts.from) {
        try {
          input = JSON.parse(readFileSync(opts.from, 'utf8')) as CreateFormInput;
        } catch (e) {
          throw usage(`--from ${opts.from}: ${(e as Error).message}`);
        }
      } else {
        if (!opts.name || !opts.field?.length) throw usage('give --name and at least one --field (or --from <file.json>)');
        input = { name: opts.name, fields: opts.field.map(parseFieldSpec) };
      }
      if (opts.name) input.name = opts.name;
      if (opts.public) input.access = 'public';
      if (opts.priority) input.priority = opts.priority;
      const form = await cli.client.forms.create(space.id, input);
      if (opts.json) return cli.json(form);
      cli.out(`Created ${form.access} form "${form.name}" in ${space.key}.`);
      cli.out(`Link: ${linkOf(cli, form)}`);
    });

  forms
    .command('show <form>')
    .description('a form (by name, id or public id): its link and fields')
    .requiredOption('--space <KEY>', 'the space')
    .option('--json', 'machine-readable output')
    .action(async (ref: string, opts: { space: string; json?: boolean }, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const { form } = await findForm(cli, opts.space, ref);
      if (opts.json) return cli.json(form);
      cli.out(`${form.name} (${form.access}${form.closedAt ? ', closed' : ''})`);
      cli.out(`Link: ${linkOf(cli, form)}`);
      cli.out(table(['KEY', 'KIND', 'LABEL', 'REQUIRED', 'MAPS TO'], form.fields.map((f) => [f.key, f.kind, f.label, f.required || f.mapsTo === 'title' ? 'yes' : '', f.mapsTo === 'field' ? `field ${f.fieldId}` : f.mapsTo])));
    });

  forms
    .command('requests')
    .description("a space's requests with triage and SLA state")
    .requiredOption('--space <KEY>', 'the space')
    .addOption(new Option('--state <state>', 'triage state').choices(REQUEST_STATES))
    .addOption(new Option('--sla <state>', 'SLA state').choices(SLA_STATES))
    .option('--json', 'machine-readable output')
    .action(async (opts: { space: string; state?: (typeof REQUEST_STATES)[number]; sla?: (typeof SLA_STATES)[number]; json?: boolean }, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const space = await findSpace(cli.client, (await cli.workspace()).id, opts.space);
      const { data } = await cli.client.requests.list(space.id, { state: opts.state, sla: opts.sla, limit: 200 });
      if (opts.json) return cli.json(data);
      if (data.length === 0) return cli.out('No requests.');
      const due = (r: (typeof data)[number]) => (r.sla ? when(r.sla.firstResponse.metAt ? r.sla.resolution.dueAt : (r.sla.firstResponse.dueAt ?? r.sla.resolution.dueAt)) : '');
      cli.out(table(['REFERENCE', 'ITEM', 'STATE', 'SLA', 'DUE', 'REQUESTER', 'TITLE'], data.map((r) => [r.reference, r.itemKey, r.state, r.sla?.state ?? '', due(r), r.requesterEmail, r.title])));
    });

  const triage = async (cmd: Command, act: (cli: Cli) => Promise<{ reference: string; state: string; itemKey: string }>, json?: boolean) => {
    const cli = cliFor(io, cmd);
    const r = await act(cli);
    if (json) return cli.json(r);
    cli.out(`${r.reference} (${r.itemKey}) is now ${r.state}.`);
  };

  forms
    .command('accept <request>')
    .description('accept a request (id or REQ- reference) into the workflow')
    .option('--status <name>', 'the status to move it to (default: the first todo status)')
    .option('--json', 'machine-readable output')
    .action(async (ref: string, opts: { status?: string; json?: boolean }, cmd: Command) =>
      triage(
        cmd,
        async (cli) => {
          let statusId: string | undefined;
          if (opts.status) {
            const r = await cli.client.requests.get(ref);
            const space = await cli.client.spaces.get(r.spaceId);
            const s = space.statuses.find((x) => x.name.toLowerCase() === opts.status?.toLowerCase() || x.id === opts.status);
            if (!s) throw usage(`no status "${opts.status}" in ${space.key} (statuses: ${space.statuses.map((x) => x.name).join(', ')})`);
            statusId = s.id;
          }
          return cli.client.requests.accept(ref, statusId ? { statusId } : {});
        },
        opts.json,
      ),
    );

  forms
    .command('decline <request>')
    .description('decline a request; the requester sees the reason')
    .requiredOption('--reason <text>', 'why (shown to the requester)')
    .option('--json', 'machine-readable output')
    .action(async (ref: string, opts: { reason: string; json?: boolean }, cmd: Command) => triage(cmd, (cli) => cli.client.requests.decline(ref, opts.reason), opts.json));

  forms
    .command('merge <request>')
    .description('merge a duplicate request into another; the duplicate closes')
    .requiredOption('--into <request>', 'the request it duplicates (id or reference)')
    .option('--json', 'machine-readable output')
    .action(async (ref: string, opts: { into: string; json?: boolean }, cmd: Command) => triage(cmd, (cli) => cli.client.requests.merge(ref, opts.into), opts.json));

  forms
    .command('status <reference>')
    .description("a request's status as its requester sees it (no login needed)")
    .option('--json', 'machine-readable output')
    .action(async (reference: string, opts: { json?: boolean }, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const s = await cli.client.requests.status(reference);
      if (opts.json) return cli.json(s);
      cli.out(`${s.reference}: ${s.title}`);
      cli.out(`State: ${s.state} (${s.statusCategory}), submitted ${when(s.submittedAt)}`);
      if (s.declineReason) cli.out(`Declined: ${s.declineReason}`);
      if (s.original) cli.out(`Merged into another request, which is ${s.original.statusCategory.replace('_', ' ')}`);
    });
}
