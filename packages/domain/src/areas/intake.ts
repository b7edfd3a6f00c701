/** Permissions and error codes of issue 4: intake forms, requests, SLAs, calendars; merged into PERMISSIONS and ERROR_CATALOGUE. */
export const INTAKE_PERMISSIONS = [
  'form.read',
  'form.manage',
  'request.read',
  'request.triage',
  'sla.read',
  'sla.manage',
  'calendar.read',
  'calendar.manage',
] as const;
export const INTAKE_ERRORS = {
  FORM_NOT_FOUND: 404,
  FORM_CLOSED: 410,
  REQUEST_NOT_FOUND: 404,
  REQUEST_ALREADY_TRIAGED: 409,
  CALENDAR_NOT_FOUND: 404,
  CALENDAR_IN_USE: 409,
  SLA_NOT_FOUND: 404,
  SLA_POLICY_EXISTS: 409,
} as const;
