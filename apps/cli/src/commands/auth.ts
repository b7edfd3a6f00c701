import { createClient } from '@weft/client';
import type { Command } from 'commander';
import { cliFor } from '../context';
import { CliError, usage } from '../exit-codes';
import type { Io } from '../io';

type LoginOptions = { email?: string; password?: string };

async function ask(io: Io, question: string, secret = false): Promise<string> {
  if (!io.prompt) throw usage(`no terminal to ask on: pass ${secret ? '--password' : '--email'}`);
  return (await io.prompt(question, { secret })).trim();
}

/** `weft login` and `weft logout`: a personal API token, kept in the config file. */
export function registerAuth(program: Command, io: Io): void {
  program
    .command('login')
    .description('sign in and store an API token (cli@<hostname>) in the config file')
    .option('--email <email>', 'your email (asked when absent)')
    .option('--password <password>', 'your password (asked when absent; prefer the prompt)')
    .action(async (opts: LoginOptions, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const email = opts.email ?? (await ask(io, 'Email: '));
      const password = opts.password ?? (await ask(io, 'Password: ', true));
      const { user, cookie } = await cli.client.auth.login({ email, password });
      if (!cookie) throw new CliError('INTERNAL', 'the server answered the login without a session cookie');
      // The session only lives long enough to mint a token; the token is what the CLI keeps.
      const session = createClient({ baseUrl: cli.server, cookie, fetch: io.fetch });
      const created = await session.tokens.create({ name: `cli@${io.hostname}` });
      const authed = createClient({ baseUrl: cli.server, token: created.token, fetch: io.fetch });
      const { data: workspaces } = await authed.workspaces.list();
      const previous = cli.config.server === cli.server ? cli.config.workspaceId : undefined;
      const workspaceId = workspaces.length === 1 ? workspaces[0].id : workspaces.find((w) => w.id === previous)?.id;
      await session.auth.logout();
      cli.saveConfig({ server: cli.server, token: created.token, tokenId: created.id, email: user.email, workspaceId });
      cli.out(`Logged in to ${cli.server} as ${user.name} <${user.email}>.`);
      cli.out(`API token "${created.name}" saved in ${cli.configPath}.`);
      const ws = workspaces.find((w) => w.id === workspaceId);
      if (ws) cli.out(`Workspace: ${ws.name} (${ws.slug}).`);
      else if (workspaces.length > 1) cli.out('Choose a workspace: weft workspaces use <slug>');
    });

  program
    .command('logout')
    .description('revoke the stored API token and forget it')
    .action(async (_opts: unknown, cmd: Command) => {
      const cli = cliFor(io, cmd);
      const { token, tokenId, ...rest } = cli.config;
      if (!token) {
        cli.out('Not logged in.');
        return;
      }
      if (tokenId) {
        // Revoking is best effort: a token the server no longer knows is as good as revoked.
        await cli.client.tokens.revoke(tokenId).catch(() => undefined);
      }
      cli.saveConfig(rest);
      cli.out(`Logged out of ${rest.server ?? cli.server}.`);
    });
}
