#!/usr/bin/env node
// The single test command (`npm test`): every gate CI applies, in order, stopping at the first
// failure. Cheap static checks run first so a type error fails in seconds, not after the e2e suite.
//
// Usage: node scripts/test.mjs [step ...]   (no names: all steps; e.g. `npm test -- lint vitest`)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Recurrence and date code is only correct under UTC (shared/STACK.md §4): pin it for every child.
// The browser tests write their screenshots (board, list, table, calendar, timeline, panel, palette,
// public form) here: look at them after a run.
const ENV = { ...process.env, TZ: 'UTC', WEFT_SCREENSHOT_DIR: process.env.WEFT_SCREENSHOT_DIR ?? join(ROOT, 'artifacts/screenshots') };

/** @type {{ name: string; cmd: string; args: string[]; before?: () => string | null; skip?: () => string | null }[]} */
const STEPS = [
  { name: 'typecheck', cmd: 'npx', args: ['--no', '--', 'tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'lint', cmd: 'npx', args: ['--no', '--', 'biome', 'lint', '.'] },
  { name: 'check-deps', cmd: process.execPath, args: ['scripts/check-deps.mjs'] },
  { name: 'vitest', cmd: 'npx', args: ['--no', '--', 'vitest', 'run'], before: checkServices },
  { name: 'build-web', cmd: 'npm', args: ['run', 'build:web'] },
  // Files are listed explicitly: `node --test e2e/` finds them on Node 20, but Node 22 reads its
  // arguments as globs instead, and the engines field allows both.
  { name: 'e2e', cmd: process.execPath, args: ['--test', ...e2eFiles()] },
  {
    name: 'bench',
    cmd: process.execPath,
    args: ['--import', 'tsx', 'bench/run.ts', '--quick'],
    // The benchmark runner lands with a later issue; until then the step is a visible skip.
    skip: () => (existsSync(join(ROOT, 'bench/run.ts')) ? null : 'bench/run.ts does not exist yet'),
  },
];

function e2eFiles() {
  const dir = join(ROOT, 'e2e');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.test\.m?[jt]s$/.test(f)) : [];
  return files.length > 0 ? files.sort().map((f) => `e2e/${f}`) : ['e2e/'];
}

/** PostgreSQL and Redis must already run: this command needs no root, so it only explains. */
function checkServices() {
  const problems = [];
  const dialects = (ENV.TEST_DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim());
  if (dialects.includes('postgres')) {
    const pgUrl = new URL(ENV.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    const host = pgUrl.hostname || '127.0.0.1';
    const port = pgUrl.port || '5432';
    const r = spawnSync('pg_isready', ['-h', host, '-p', port], { encoding: 'utf8' });
    if (r.status !== 0) {
      problems.push(
        `PostgreSQL is not accepting connections on ${host}:${port} (${r.error ? 'pg_isready not found' : (r.stdout || r.stderr).trim()}).\n` +
          '    Start it (as root):  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n' +
          '    or run only the SQLite half:  TEST_DIALECTS=sqlite npm test',
      );
    }
  }
  const redis = spawnSync('redis-cli', ['-h', '127.0.0.1', 'ping'], { encoding: 'utf8' });
  if (redis.status !== 0 || !/PONG/.test(redis.stdout ?? '')) {
    problems.push(
      `Redis is not answering on 127.0.0.1:6379 (${redis.error ? 'redis-cli not found' : (redis.stdout || redis.stderr).trim()}).\n` +
        '    Start it (as root):  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
    );
  }
  if (problems.length === 0) return null;
  return `services the tests need are down (.ci/run starts them):\n  ${problems.join('\n  ')}`;
}

function run(cmd, args) {
  return new Promise((res) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: ENV, stdio: 'inherit' });
    child.once('error', (e) => {
      console.error(`cannot start ${cmd}: ${e.message}`);
      res(127);
    });
    child.once('exit', (code, signal) => res(code ?? (signal ? 128 : 1)));
  });
}

const fmt = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !STEPS.some((s) => s.name === w));
  if (unknown.length > 0) {
    console.error(`unknown step(s): ${unknown.join(', ')}; steps are: ${STEPS.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  const steps = wanted.length > 0 ? STEPS.filter((s) => wanted.includes(s.name)) : STEPS;
  const results = [];
  const t0 = performance.now();
  let failed = null;

  for (const step of steps) {
    const skipReason = step.skip?.();
    if (skipReason) {
      console.log(`\n── ${step.name}: skipped (${skipReason})`);
      results.push({ name: step.name, status: 'skipped', ms: 0, note: skipReason });
      continue;
    }
    console.log(`\n── ${step.name}: ${[step.cmd === process.execPath ? 'node' : step.cmd, ...step.args].join(' ')}`);
    const start = performance.now();
    const blocker = step.before?.();
    const code = blocker ? 1 : await run(step.cmd, step.args);
    if (blocker) console.error(`\n${blocker}`);
    const ms = performance.now() - start;
    const status = code === 0 ? 'passed' : 'failed';
    console.log(`── ${step.name}: ${status} in ${fmt(ms)}${code === 0 ? '' : ` (exit ${code})`}`);
    results.push({ name: step.name, status, ms });
    if (code !== 0) {
      failed = { step: step.name, code };
      break;
    }
  }

  console.log('\nSummary');
  for (const r of results) console.log(`  ${r.status.padEnd(8)} ${r.name.padEnd(11)} ${r.status === 'skipped' ? r.note : fmt(r.ms)}`);
  for (const s of steps.slice(results.length)) console.log(`  ${'not run'.padEnd(8)} ${s.name}`);
  const count = (st) => results.filter((r) => r.status === st).length;
  console.log(`  total ${fmt(performance.now() - t0)}`);
  console.log(`steps: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`);
  if (failed) {
    console.error(`\nnpm test failed at step "${failed.step}" (exit ${failed.code})`);
    process.exit(1);
  }
}

await main();
