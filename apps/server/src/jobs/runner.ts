import type { Deps } from '../context';
import { JOBS } from './index';
import type { Job } from './types';

/**
 * Runs every job once at the clock's current time, one after another; a failing job is logged and
 * does not stop the others. Tests call this directly with a manual clock instead of waiting.
 */
export async function runJobsOnce(deps: Deps, jobs: readonly Job[] = JOBS): Promise<void> {
  const now = deps.clock.now();
  for (const job of jobs) {
    try {
      await job.run(deps, now);
    } catch (err) {
      deps.log.error({ err, job: job.name }, 'job failed');
    }
  }
}

/**
 * Starts the scheduler: checks every `intervalMs` which jobs are due (each at its own `everyMs`,
 * measured on deps.clock) and runs them; passes never overlap within a process. All scheduler state
 * is in the database, so a restart simply resumes, and several processes may run this at once
 * (jobs are idempotent and claim their work by unique keys). Returns a stop function that waits for
 * a pass in progress.
 */
export function startJobs(deps: Deps, opts: { intervalMs?: number; jobs?: readonly Job[] } = {}): () => Promise<void> {
  const jobs = opts.jobs ?? JOBS;
  const lastRun = new Map<string, number>();
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return;
    const now = deps.clock.now().getTime();
    const due = jobs.filter((j) => now - (lastRun.get(j.name) ?? Number.NEGATIVE_INFINITY) >= j.everyMs);
    if (due.length === 0) return;
    for (const j of due) lastRun.set(j.name, now);
    running = runJobsOnce(deps, due).finally(() => {
      running = null;
    });
  };
  const timer = setInterval(tick, opts.intervalMs ?? 5_000);
  timer.unref?.();
  tick();
  return async () => {
    stopped = true;
    clearInterval(timer);
    if (running) await running;
  };
}
