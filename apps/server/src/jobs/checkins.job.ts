import type { Job } from './types';

/** Scheduled work of issue 4: check-ins. */
export const checkinsJobs: Job[] = [];
