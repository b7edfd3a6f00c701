import type { AuthzCase } from './types';

/** Authorization cases of issue 4: intake forms, requests, SLA policies and working calendars. */
export const intakeCases: AuthzCase[] = [];
