import type { Deps } from '../context';

/**
 * A unit of scheduled work. The runner calls `run` about every `everyMs` with the injected clock's
 * time; a pass must be idempotent and safe when two server processes run it at once (exactly-once
 * effects come from unique keys or guarded updates in the database, not from the runner).
 */
export type Job = {
  name: string;
  everyMs: number;
  run(deps: Deps, now: Date): Promise<void>;
};
