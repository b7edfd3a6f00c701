import type { AuthzCase } from './types';

/** Authorization cases of issue 4: item and space templates. */
export const templatesCases: AuthzCase[] = [];
