/** Limits of intake forms and submissions: the same numbers validate requests and are documented in docs/intake.md. */
export const INTAKE_LIMITS = {
  /** whole submission body, in bytes (checked by the server before parsing) */
  submissionBodyBytes: 64 * 1024,
  fieldsPerForm: 50,
  choiceOptions: 100,
  /** default and maximum characters per field kind */
  shortTextDefault: 200,
  shortTextMax: 500,
  longTextDefault: 10_000,
  longTextMax: 20_000,
  emailMax: 254,
  /** public submissions per requester address per form in `windowMs` */
  perEmail: 5,
  /** public submissions per client address (all forms) in `windowMs` */
  perClient: 20,
  windowMs: 60 * 60 * 1000,
} as const;

/** The body key of the honeypot: a field humans never see (the form hides it); bots fill it in. */
export const HONEYPOT_FIELD = 'homepage';

/** A request's public reference: `REQ-` and 16 Crockford base-32 characters (80 random bits). */
export const REQUEST_REFERENCE = /^REQ-[0-9A-HJKMNP-TV-Z]{16}$/;

/** A target is at risk once less than this fraction of its business time is left. */
export const SLA_AT_RISK_FRACTION = 0.2;

export const FORM_FIELD_KINDS = ['short_text', 'long_text', 'choice', 'date', 'email'] as const;
export type FormFieldKind = (typeof FORM_FIELD_KINDS)[number];
export const FORM_TARGETS = ['title', 'description', 'due', 'priority', 'field', 'none'] as const;
export const FORM_ACCESS = ['internal', 'public'] as const;
export const REQUEST_STATES = ['triage', 'accepted', 'declined', 'merged'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
export const SLA_STATES = ['on_track', 'at_risk', 'breached'] as const;
export type SlaState = (typeof SLA_STATES)[number];
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
