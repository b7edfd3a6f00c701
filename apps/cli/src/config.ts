import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliError } from './exit-codes';

/** What `weft login` remembers between runs. */
export type CliConfig = { server?: string; token?: string; tokenId?: string; email?: string; workspaceId?: string };

/** `$XDG_CONFIG_HOME/weft/config.json`, `~/.config/weft/config.json` by default. */
export function configPath(env: Record<string, string | undefined>): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'weft', 'config.json');
}

export function readConfig(path: string): CliConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {};
  }
  try {
    return JSON.parse(text) as CliConfig;
  } catch {
    throw new CliError('USAGE', `${path} is not valid JSON; fix or delete it and run \`weft login\``);
  }
}

/** Writes the file readable by its owner only: it holds a token. */
export function writeConfig(path: string, config: CliConfig): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  // `mode` applies only when the file is created; an older, looser file is tightened too.
  chmodSync(path, 0o600);
}
