import type { Job } from './types';

/** Scheduled work of issue 4: intake forms, requests, SLA policies and working calendars. */
export const intakeJobs: Job[] = [];
