import { resolve } from 'node:path';
import { ROOT } from './process';

export type Options = {
  quick: boolean;
  /** run one phase only (for working on it): the item rows, the scale rows, the real-time fan-out or the web rows */
  only: 'items' | 'scale' | 'realtime' | 'web' | null;
  db: 'sqlite' | 'postgres';
  out: string;
  /** autocannon seconds per measured round, warm-up seconds before each row, rounds per row */
  durationS: number;
  warmupS: number;
  rounds: number;
  connections: number;
  /** items created through the API for the read/update/move pools */
  poolSize: number;
  boardSize: number;
  /** the workspace sizes the board and query figures are taken at */
  scales: number[];
};

const USAGE = 'usage: npm run bench -- [--quick] [--db sqlite|postgres] [--out <file>] [--only items|scale|realtime|web]';

/** Parses the command line; defaults give the full run (< 15 min on 2 cores). */
export function parseOptions(argv: string[]): Options {
  let quick = false;
  let only: Options['only'] = null;
  let db: Options['db'] = 'sqlite';
  let out = resolve(ROOT, 'bench/results/latest.json');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') quick = true;
    else if (a === '--db') {
      const v = argv[++i];
      if (v !== 'sqlite' && v !== 'postgres') throw new Error(`--db takes sqlite or postgres\n${USAGE}`);
      db = v;
    } else if (a === '--out') {
      const v = argv[++i];
      if (!v) throw new Error(`--out takes a file\n${USAGE}`);
      out = resolve(process.cwd(), v);
    } else if (a === '--only') {
      const v = argv[++i];
      if (v !== 'items' && v !== 'scale' && v !== 'realtime' && v !== 'web') throw new Error(`--only takes items, scale, realtime or web\n${USAGE}`);
      only = v;
    } else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  const common = { db, out, only, connections: 16 };
  if (quick) {
    return { ...common, quick, durationS: 3, warmupS: 0.5, rounds: 1, poolSize: 500, boardSize: 5_000, scales: [10_000] };
  }
  return { ...common, quick, durationS: 6, warmupS: 2, rounds: 3, poolSize: 2_000, boardSize: 5_000, scales: [10_000, 100_000, 1_000_000] };
}
