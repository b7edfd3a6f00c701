/** Permissions and error codes of issue 4: routines and the scheduler; merged into PERMISSIONS and ERROR_CATALOGUE. */
export const ROUTINE_PERMISSIONS = [] as const;
export const ROUTINE_ERRORS = {} as const;
