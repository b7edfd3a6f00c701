/** Permissions and error codes of issue 4: templates; merged into PERMISSIONS and ERROR_CATALOGUE. */
export const TEMPLATE_PERMISSIONS = [] as const;
export const TEMPLATE_ERRORS = {} as const;
