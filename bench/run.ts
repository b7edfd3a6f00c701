import { relative } from 'node:path';
import { createBenchDatabase } from './database';
import { median } from './load';
import { machine } from './machine';
import { parseOptions } from './options';
import { baselineRounds, requestPhase, scalePhase } from './phases';
import { buildServer, freePort, ROOT, startProcess } from './process';
import { judge, missingFigures, type Row, table, writeJson } from './report';
import { fanoutPhase } from './fanout';
import { webPhase } from './web';

type Baseline = Awaited<ReturnType<typeof baselineRounds>>;

/**
 * `npm run bench -- [--quick] [--db postgres] [--out file] [--only items|scale|realtime|web]`: builds its own data, runs the
 * real server and a bare-Fastify baseline as separate processes, drives both with autocannon from
 * this process, prints a table and writes JSON. --quick proves the suite works (every figure is
 * produced); it does not judge speed.
 */
async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2));
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const box = machine();
  const log = (msg: string) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`);
  const cleanups: Array<() => Promise<void>> = [];
  const cleanup = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch((e) => console.error(`cleanup: ${e}`));
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void cleanup().then(() => process.exit(130)));

  const rows: Row[] = [];
  let baselineMedian = Number.NaN;
  try {
    log(`${opts.quick ? 'quick' : 'full'} run on ${opts.db}, ${box.cpus} CPUs, node ${box.node}`);
    buildServer();
    const rssTarget = { op: '<=' as const, value: 250, of: 'value' as const };
    const runs = (phase: NonNullable<typeof opts.only>) => opts.only === null || opts.only === phase;
    if (runs('items')) {
      const baseline = await startProcess('bench/baseline-server.ts', [], { PORT: String(await freePort()), NODE_ENV: 'production' });
      cleanups.push(() => baseline.stop());
      const reqDb = await createBenchDatabase(opts.db);
      cleanups.push(() => reqDb.dispose());
      let before: Baseline | null = null;
      const req = await requestPhase(opts, reqDb, log, async () => {
        log('baseline rounds (before)');
        before = await baselineRounds(opts, baseline, 'bare Fastify, before the item rows');
      });
      log('baseline rounds (after)');
      const after = await baselineRounds(opts, baseline, 'bare Fastify, after the item rows');
      const b = before as unknown as Baseline;
      baselineMedian = median([...b.rps, ...after.rps]);
      const strip = ({ rps: _r, ...row }: Baseline): Row => row;
      rows.push(strip(b), strip(after), { section: 'baseline', name: 'bare Fastify, median of all rounds', value: baselineMedian, unit: 'req/s', ratio: 1 });
      rows.push(...req.rows.map((r) => ({ ...r, ratio: r.value === null ? null : r.value / baselineMedian })));
      rows.push({ section: 'memory', name: 'server RSS, idle after start', value: req.idleRssMb, unit: 'MB', target: rssTarget });
      await baseline.stop();
    }
    if (runs('scale')) {
      const scaleDb = await createBenchDatabase(opts.db);
      cleanups.push(() => scaleDb.dispose());
      const scale = await scalePhase(opts, scaleDb, log);
      rows.push(...scale.rows);
      rows.push({ section: 'memory', name: `server RSS after the ${scale.largest.toLocaleString('en-US')}-item runs`, value: scale.rssAfterMb, unit: 'MB', target: rssTarget });
    }
    if (runs('realtime')) rows.push(...(await fanoutPhase(opts, log)));
    if (runs('web')) {
      const webDb = await createBenchDatabase(opts.db);
      cleanups.push(() => webDb.dispose());
      rows.push(...(await webPhase(opts, webDb, log)));
    }
  } finally {
    await cleanup();
  }

  const judged = rows.map(judge);
  const seconds = (performance.now() - started) / 1000;
  console.log(`\nWeft benchmark: ${opts.quick ? 'quick' : 'full'} run on ${opts.db}, ${box.cpus} CPUs, ${box.memoryGb} GB, node ${box.node}, ${box.date}`);
  console.log(
    Number.isFinite(baselineMedian)
      ? `baseline (bare Fastify) median ${Math.round(baselineMedian).toLocaleString('en-US')} req/s; ratio = row ÷ baseline, same run\n`
      : `baseline not measured in this run (--only ${opts.only})\n`,
  );
  console.log(table(judged));
  const missing = missingFigures(judged);
  const failed = judged.filter((r) => r.pass === false);
  console.log(`\n${judged.length} rows in ${seconds.toFixed(0)} s; ${failed.length} miss their target; ${missing.length} without a figure`);
  writeJson(opts.out, { startedAt, seconds, options: opts, machine: { ...box, loadAverageAfter: machine().loadAverage }, baselineMedian: Number.isFinite(baselineMedian) ? baselineMedian : null, rows: judged, missing: missing.map((r) => r.name) });
  console.log(`results: ${relative(ROOT, opts.out)}`);
  if (opts.quick && missing.length > 0) {
    console.error(`quick run: ${missing.length} figure(s) not produced:\n${missing.map((r) => `  - ${r.section} / ${r.name}${r.note ? `: ${r.note}` : ''}`).join('\n')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
