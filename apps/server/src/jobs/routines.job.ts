import type { Job } from './types';

/** Scheduled work of issue 4: routines (recurring work). */
export const routinesJobs: Job[] = [];
