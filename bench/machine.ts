import { execSync } from 'node:child_process';
import os from 'node:os';

export type Machine = { cpus: number; cpuModel: string; memoryGb: number; node: string; os: string; loadAverage: number[]; date: string };

/** What the figures were measured on: they mean little without it. */
export function machine(): Machine {
  let date = new Date().toString();
  try {
    date = execSync('date', { encoding: 'utf8' }).trim();
  } catch {
    // keep the JS date
  }
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    date,
  };
}
