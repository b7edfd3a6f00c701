import type { Job } from './types';

/** Scheduled work of issue 4: item and space templates. */
export const templatesJobs: Job[] = [];
