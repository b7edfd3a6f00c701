import { StreamClient, type WebSocketConstructor } from '@weft/client';
import type { StreamEvent } from '@weft/domain';
import type { Command } from 'commander';
import WebSocket from 'ws';
import { cliFor } from '../context';
import { CliError, usage } from '../exit-codes';
import type { Io } from '../io';

type WatchOpts = { json?: boolean; since?: string; allWorkspaces?: boolean; count?: string };

/** One event as a line: seq, time, kind, key, version and what changed. */
export function eventLine(e: StreamEvent): string {
  const { key, title, ...rest } = e.record as { key?: unknown; title?: unknown } & Record<string, unknown>;
  const what = [key, e.version !== null ? `v${e.version}` : null, title !== undefined ? JSON.stringify(title) : null].filter((x) => x !== null && x !== undefined).join(' ');
  const fields = Object.keys(rest).filter((k) => !['bulk', 'batch'].includes(k));
  return `#${e.seq} ${e.at} ${e.kind}${what ? ` ${what}` : ''}${fields.length && e.kind.endsWith('.updated') ? ` (${fields.join(', ')})` : ''}`;
}

/** `weft watch`: the live event stream of the current workspace (or all of yours), until Ctrl-C. */
export function registerWatch(program: Command, io: Io): void {
  program
    .command('watch')
    .description('print changes as they happen (the live event stream), until interrupted')
    .option('--json', 'one JSON object per line')
    .option('--since <seq>', 'first replay everything after this event seq')
    .option('--all-workspaces', 'every workspace you belong to, not only the current one')
    .option('--count <n>', 'stop after n events')
    .action(async (opts: WatchOpts, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const since = opts.since === undefined ? undefined : Number(opts.since);
      if (since !== undefined && (!Number.isInteger(since) || since < 0)) throw usage('--since must be an event seq (a whole number ≥ 0)');
      const count = opts.count === undefined ? Number.POSITIVE_INFINITY : Number(opts.count);
      if (!(count > 0)) throw usage('--count must be a positive number');
      // The same token the HTTP client was given (context.ts): WEFT_TOKEN, or the stored one for this server.
      const stored = cli.config.server && cli.config.server.replace(/\/+$/, '') === cli.server ? cli.config.token : undefined;
      const token = io.env.WEFT_TOKEN || stored;
      if (!token) throw new CliError('UNAUTHENTICATED', `no token: run \`weft login --server ${cli.server}\`, or set WEFT_TOKEN`);
      // A refused upgrade looks like a network failure to a WebSocket client: prove the token over HTTP first.
      await cli.client.me.get();
      const workspaceId = opts.allWorkspaces ? undefined : (await cli.workspace()).id;
      let seen = 0;
      await new Promise<void>((resolve, reject) => {
        const client = new StreamClient({
          baseUrl: cli.server,
          token,
          since,
          workspaceId,
          WebSocket: WebSocket as unknown as WebSocketConstructor,
          onEvent(e) {
            io.stdout(`${opts.json ? JSON.stringify(e) : eventLine(e)}\n`);
            seen += 1;
            if (seen >= count) finish();
          },
          onResync: (seq, reason) => io.stderr(`resync (${reason}): events before #${seq} cannot be replayed; refetch what you need\n`),
          onStatus(s) {
            if (s === 'live') io.stderr(`watching ${cli.server} (live)\n`);
            if (s === 'down') io.stderr('stream down; reconnecting…\n');
            if (s === 'unauthorized') fail(new CliError('UNAUTHENTICATED', 'the server closed the stream: token revoked or expired'));
          },
        });
        const finish = () => {
          process.off('SIGINT', finish);
          client.close();
          resolve();
        };
        const fail = (e: Error) => {
          process.off('SIGINT', finish);
          client.close();
          reject(e);
        };
        process.once('SIGINT', finish);
        client.connect();
      });
    });
}
