import { openDueOccurrences } from '../commands/checkins/open-occurrence';
import type { Job } from './types';

/**
 * Scheduled work of issue 4: check-ins. Opens due occurrences and each participant's prompt at
 * their own local time; exactly once through unique keys, so two processes may run it together.
 */
export const checkinsJobs: Job[] = [
  {
    name: 'checkins.open-occurrences',
    everyMs: 60_000,
    async run(deps, now) {
      await openDueOccurrences(deps, now);
    },
  },
];
