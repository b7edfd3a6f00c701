import type { Io } from './io';
import { main } from './main';

export type Run = { code: number; out: string; err: string };

/** Runs `weft` in-process with captured output and the given environment (tests only). */
export async function runWeft(env: Record<string, string | undefined>, argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    stdout: (s) => {
      out.push(s);
    },
    stderr: (s) => {
      err.push(s);
    },
    env,
    hostname: 'testhost',
  };
  const code = await main(argv, io);
  return { code, out: out.join(''), err: err.join('') };
}
