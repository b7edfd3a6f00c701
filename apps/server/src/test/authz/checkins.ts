import type { AuthzCase } from './types';

/** Authorization cases of issue 4: check-ins. */
export const checkinsCases: AuthzCase[] = [];
