/** Permissions and error codes of issue 4: intake forms, requests, SLAs, calendars; merged into PERMISSIONS and ERROR_CATALOGUE. */
export const INTAKE_PERMISSIONS = [] as const;
export const INTAKE_ERRORS = {} as const;
