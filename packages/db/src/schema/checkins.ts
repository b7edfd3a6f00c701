/** Tables of issue 4: check-ins. Same conventions as ../types.ts (ISO text instants, 0/1 booleans, JSON text). */
export type CheckinsDatabase = Record<never, never>;
