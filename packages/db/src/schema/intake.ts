/** Tables of issue 4: intake forms, requests, SLAs, calendars. Same conventions as ../types.ts (ISO text instants, 0/1 booleans, JSON text). */
export type IntakeDatabase = Record<never, never>;
