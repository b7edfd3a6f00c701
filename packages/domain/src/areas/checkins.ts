/** Permissions and error codes of issue 4: check-ins; merged into PERMISSIONS and ERROR_CATALOGUE. */
export const CHECKIN_PERMISSIONS = [
  'checkin.read',
  'checkin.create',
  'checkin.update',
  'checkin.delete',
  'checkin.answer',
  'checkin.comment',
  'checkinComment.update',
  'checkinComment.delete',
] as const;
export const CHECKIN_ERRORS = {
  CHECKIN_NOT_FOUND: 404,
  OCCURRENCE_NOT_FOUND: 404,
  ANSWER_NOT_FOUND: 404,
  /** Skipping an occurrence already answered. */
  ALREADY_ANSWERED: 409,
} as const;
