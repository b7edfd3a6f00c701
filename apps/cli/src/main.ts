import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { registerAdmin } from './admin/commands';
import { registerAuth } from './commands/auth';
import { registerCheckins } from './commands/checkins';
import { registerIntake } from './commands/intake';
import { registerItems } from './commands/items/index';
import { registerRoutines } from './commands/routines';
import { registerSpaces } from './commands/spaces';
import { registerTemplates } from './commands/templates';
import { registerWatch } from './commands/watch';
import { registerWorkspaces } from './commands/workspaces';
import { DEFAULT_SERVER } from './context';
import { describeError, EXIT, EXIT_HELP, exitCodeFor } from './exit-codes';
import { type Io, processIo } from './io';

/** The whole command tree; a fresh one per run, since commander keeps parse state on it. */
export function buildProgram(io: Io): Command {
  const program: Command = new Command('weft')
    .description('Weft from the command line: your work, and the server itself.')
    .option('--server <url>', `the Weft server (env WEFT_SERVER; default ${DEFAULT_SERVER})`)
    .option('--workspace <id-or-slug>', 'act in this workspace (env WEFT_WORKSPACE; default: the current one)')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      (): string =>
        `\nEvery command:\n${everyCommand(program)}\n\nThe token comes from WEFT_TOKEN or the config file ($XDG_CONFIG_HOME/weft/config.json) written by \`weft login\`.\nRead verbs take --json for programs; \`weft <command> --help\` shows each one's options.\n\n${EXIT_HELP}\n`,
    )
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .exitOverride();
  registerAuth(program, io);
  registerWorkspaces(program, io);
  registerSpaces(program, io);
  registerItems(program, io);
  registerRoutines(program, io);
  registerIntake(program, io);
  registerCheckins(program, io);
  registerTemplates(program, io);
  registerWatch(program, io);
  registerAdmin(program, io);
  // Every sub-command reports through `io` and throws instead of exiting, like the program.
  const quiet = (cmd: Command) => {
    cmd.configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) }).exitOverride();
    cmd.commands.forEach(quiet);
  };
  program.commands.forEach(quiet);
  return program;
}

/** One line per runnable command, sub-commands included, so `weft --help` shows them all. */
function everyCommand(program: Command): string {
  const walk = (cmd: Command, prefix: string): string[][] =>
    cmd.commands.flatMap((c) => {
      const name = `${prefix} ${c.name()}`;
      const required = c.options.filter((o) => o.mandatory).map((o) => o.flags);
      const usage = [name, c.usage().replace('[options]', '').trim(), ...required].filter(Boolean).join(' ');
      const own = c.commands.length ? [] : [[usage, c.description()]];
      return [...own, ...walk(c, name)];
    });
  const rows = walk(program, 'weft');
  const width = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([usage, description]) => `  ${usage.padEnd(width)}  ${description}`).join('\n');
}

/** Runs one `weft` command line and answers its exit status; never calls process.exit. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are "errors" to commander; a usage mistake was already printed by it.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const opts = program.opts<{ server?: string }>();
    const { code, detail } = describeError(e, opts.server ?? io.env.WEFT_SERVER ?? DEFAULT_SERVER);
    io.stderr(`error ${code}: ${detail}\n`);
    return exitCodeFor(code);
  }
}

/** The process entry (bin/weft.mjs, `npm run weft`). */
export async function runCli(): Promise<void> {
  const code = await main(process.argv.slice(2));
  // Leave through the event loop so piped output is flushed; keep-alive sockets must not hold us.
  process.exitCode = code;
  setTimeout(() => process.exit(code), 50).unref();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runCli();
