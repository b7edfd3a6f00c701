/** Tables of issue 4: routines and the scheduler. Same conventions as ../types.ts (ISO text instants, 0/1 booleans, JSON text). */
export type RoutinesDatabase = Record<never, never>;
