/** Permissions and error codes of issue 4: check-ins; merged into PERMISSIONS and ERROR_CATALOGUE. */
export const CHECKIN_PERMISSIONS = [] as const;
export const CHECKIN_ERRORS = {} as const;
