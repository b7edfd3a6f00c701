import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

export type ServerProcess = { url: string; child: ChildProcess; kill(signal?: NodeJS.Signals): Promise<void> };

/** Starts the real server as its own process and resolves once it prints its address. */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', TZ: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += String(d);
      const m = /Weft listening on (http:\/\/\S+)/.exec(out);
      if (m) ok(m[1]);
    });
    child.once('exit', (code) => fail(new Error(`server exited with ${code} before listening: ${stderr.slice(-2000)}`)));
  });
  return {
    url,
    child,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    },
  };
}

/** A tiny JSON client for the reliability scripts. */
export async function api(base: string, method: string, path: string, opts: { token?: string; cookie?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  const res = await fetch(`${base}/api/v1${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

/** Signs up, makes a token, a workspace and a stream space; returns their ids. */
export async function setupWorkspace(base: string) {
  const su = await api(base, 'POST', '/auth/signup', { body: { email: `r${Date.now()}@example.test`, name: 'Rel', password: 'correct horse battery' } });
  if (su.status !== 201) throw new Error(`signup ${su.status} ${JSON.stringify(su.json)}`);
  const cookie = String(su.headers.get('set-cookie')).split(';')[0];
  const tok = await api(base, 'POST', '/tokens', { cookie, body: { name: 'rel' } });
  const token = tok.json.token as string;
  const ws = await api(base, 'POST', '/workspaces', { token, body: { name: 'Reliability' } });
  const space = await api(base, 'POST', `/workspaces/${ws.json.id}/spaces`, { token, body: { key: 'REL', name: 'Rel', kind: 'stream' } });
  if (space.status !== 201) throw new Error(`space ${space.status} ${JSON.stringify(space.json)}`);
  return { token, workspaceId: ws.json.id as string, spaceId: space.json.id as string, userId: su.json.id as string };
}
