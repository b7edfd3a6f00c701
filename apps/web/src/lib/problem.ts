import { isWeftApiError, isWeftNetworkError } from '@weft/client';

export type Shown = { title: string; detail: string; fields: string[] };

/** Turns any failure into something a person can read: the problem document, or a generic message. */
export function describeError(e: unknown): Shown {
  if (isWeftApiError(e)) {
    // The detail often repeats the first field error; list only what it does not already say.
    const fields = e.fields.map((f) => `${f.path}: ${f.message}`).filter((f) => f !== e.detail);
    return { title: e.problem?.title ?? `Error ${e.status}`, detail: e.detail, fields };
  }
  if (isWeftNetworkError(e)) return { title: 'Network error', detail: 'The server could not be reached. Check your connection and try again.', fields: [] };
  return { title: 'Something went wrong', detail: e instanceof Error ? e.message : String(e), fields: [] };
}

export const isConflict = (e: unknown): boolean => isWeftApiError(e) && e.code === 'VERSION_CONFLICT';
export const isUnauthenticated = (e: unknown): boolean => isWeftApiError(e) && e.status === 401;
