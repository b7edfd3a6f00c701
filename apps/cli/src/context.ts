import { createClient, type WeftClient, type Workspace } from '@weft/client';
import type { Command } from 'commander';
import { type CliConfig, configPath, readConfig, writeConfig } from './config';
import { usage } from './exit-codes';
import type { Io } from './io';

export const DEFAULT_SERVER = 'http://127.0.0.1:3000';

/** Options every command inherits from the program. */
export type GlobalOptions = { server?: string; workspace?: string };

/** One run's view of where to talk to, as whom, and in which workspace. */
export type Cli = {
  io: Io;
  server: string;
  configPath: string;
  config: CliConfig;
  client: WeftClient;
  saveConfig(next: CliConfig): void;
  /** The workspace to act in: --workspace, WEFT_WORKSPACE, the one `weft workspaces use` chose, or the only one. */
  workspace(): Promise<Workspace | { id: string }>;
  json(data: unknown): void;
  out(line?: string): void;
};

const normalize = (url: string) => url.replace(/\/+$/, '');

export function cliFor(io: Io, cmd: Command): Cli {
  const opts = cmd.optsWithGlobals() as GlobalOptions;
  const path = configPath(io.env);
  const config = readConfig(path);
  const server = normalize(opts.server ?? io.env.WEFT_SERVER ?? config.server ?? DEFAULT_SERVER);
  // A stored token only ever goes to the server it was issued by.
  const token = io.env.WEFT_TOKEN || (config.server && normalize(config.server) === server ? config.token : undefined);
  const client = createClient({ baseUrl: server, token, fetch: io.fetch });
  const wanted = opts.workspace ?? io.env.WEFT_WORKSPACE;
  return {
    io,
    server,
    configPath: path,
    config,
    client,
    saveConfig: (next) => writeConfig(path, next),
    async workspace() {
      if (!wanted && config.workspaceId && config.server && normalize(config.server) === server) return { id: config.workspaceId };
      const { data } = await client.workspaces.list();
      if (wanted) {
        const w = data.find((x) => x.id === wanted || x.slug === wanted.toLowerCase());
        if (!w) throw usage(`no workspace "${wanted}" among yours (${data.map((x) => x.slug).join(', ') || 'none'})`);
        return w;
      }
      if (data.length === 1) return data[0];
      if (data.length === 0) throw usage('you have no workspace yet: `weft workspaces create <name>`');
      throw usage(`choose a workspace: \`weft workspaces use <slug>\` (yours: ${data.map((x) => x.slug).join(', ')})`);
    },
    json: (data) => io.stdout(`${JSON.stringify(data, null, 2)}\n`),
    out: (line = '') => io.stdout(`${line}\n`),
  };
}
