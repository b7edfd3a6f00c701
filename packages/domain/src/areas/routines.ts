/** Permissions and error codes of issue 4: routines and the scheduler; merged into PERMISSIONS and ERROR_CATALOGUE. */
export const ROUTINE_PERMISSIONS = ['routine.read', 'routine.manage'] as const;
export const ROUTINE_ERRORS = {
  ROUTINE_NOT_FOUND: 404,
  OCCURRENCE_NOT_FOUND: 404,
  OCCURRENCE_ALREADY_CREATED: 409,
  OCCURRENCE_PASSED: 409,
} as const;
