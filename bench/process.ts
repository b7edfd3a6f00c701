import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');

export type ServerProcess = { url: string; pid: number; child: ChildProcess; stop(): Promise<void>; rssMb(): number };

/** A free TCP port on loopback (asked from the OS, then released for the child to take). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

/** Resident memory of a process, from /proc (Linux), in MB. */
export function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]) / 1024;
}

/** The server as an operator runs it (`npm start`): the built bundle, see scripts/build-server.mjs. */
export const SERVER_ENTRY = 'apps/server/dist/main.js';
export const SERVER_NODE_ARGS = ['--enable-source-maps'];

/** Extra node flags for the probes' server: a CPU profile (PROF_DIR=<dir>) and NODE_ARGS="…". */
export function probeNodeArgs(): string[] {
  const prof = process.env.PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROF_DIR}`] : [];
  return [...SERVER_NODE_ARGS, ...prof, ...(process.env.NODE_ARGS ? process.env.NODE_ARGS.split(' ') : [])];
}

/** Builds the server bundle from the current sources (~0.2 s), as `npm start` does before it runs it. */
export function buildServer(): void {
  const r = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('scripts/build-server.mjs failed');
}

/**
 * Starts `node --import tsx <script> …args` (or `node <script>` for built JavaScript) as its own process and resolves once it prints
 * "listening on <url>". The child's stderr is kept so a failed start explains itself.
 */
export async function startProcess(script: string, args: string[], env: Record<string, string>, timeoutMs = 60_000, nodeArgs: string[] = []): Promise<ServerProcess> {
  const loader = script.endsWith('.js') ? [] : ['--import', 'tsx'];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${script} did not start within ${timeoutMs} ms\n${stderr}`)), timeoutMs);
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/i.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1].replace(/\/$/, ''));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${script} exited with ${code} before listening\n${stderr}`));
    });
  });
  child.stdout?.resume();
  const pid = child.pid as number;
  return {
    url,
    pid,
    child,
    rssMb: () => rssOf(pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls a URL until it answers 200 (the server is ready to serve, not only listening). */
export async function waitHealthy(url: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
