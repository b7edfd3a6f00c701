import { checkinsJobs } from './checkins.job';
import { intakeJobs } from './intake.job';
import { routinesJobs } from './routines.job';
import { templatesJobs } from './templates.job';
import type { Job } from './types';

/** Every scheduled job, area by area. */
export const JOBS: Job[] = [...routinesJobs, ...intakeJobs, ...checkinsJobs, ...templatesJobs];
