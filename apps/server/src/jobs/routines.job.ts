import { runRoutines } from '../commands/routines/run-routines';
import type { Job } from './types';

/** Scheduled work of issue 4: routines (recurring work). */
export const routinesJobs: Job[] = [
  {
    name: 'routines',
    everyMs: 30_000,
    async run(deps, now) {
      await runRoutines(deps, now);
    },
  },
];
