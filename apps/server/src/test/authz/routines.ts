import type { AuthzCase } from './types';

/** Authorization cases of issue 4: routines (recurring work). */
export const routinesCases: AuthzCase[] = [];
