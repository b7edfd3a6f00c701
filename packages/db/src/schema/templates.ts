/** Tables of issue 4: templates. Same conventions as ../types.ts (ISO text instants, 0/1 booleans, JSON text). */
export type TemplatesDatabase = Record<never, never>;
