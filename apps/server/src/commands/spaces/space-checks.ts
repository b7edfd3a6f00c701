import { type FieldError, WeftError } from '@weft/domain';
import type { Db } from '../../context';

/** A 400 naming the failing input fields. */
export function invalid(fields: FieldError[], message = fields.map((f) => `${f.path}: ${f.message}`).join('; ')): never {
  throw new WeftError('VALIDATION_FAILED', message, { fields });
}

/** Every id must be a member of the workspace; otherwise a 400 naming `path`. */
export async function requireWorkspaceMembers(db: Db, workspaceId: string, ids: readonly string[], path: string): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  const rows = await db.selectFrom('members').select('user_id').where('workspace_id', '=', workspaceId).where('user_id', 'in', wanted).execute();
  const found = new Set(rows.map((r) => r.user_id));
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length) invalid([{ path, message: `not a member of this workspace: ${missing.join(', ')}` }]);
}

type ProjectFields = { goal?: string | null; startDate?: string | null; targetDate?: string | null; projectStatus?: string | null };

/**
 * Goal, dates and project status belong to projects; a stream that sends them is told so rather
 * than having them silently dropped. Dates must not run backwards.
 */
export function checkProjectFields(kind: string, input: ProjectFields, merged: { startDate: string | null; targetDate: string | null }): void {
  const errors: FieldError[] = [];
  if (kind !== 'project') {
    for (const k of ['goal', 'startDate', 'targetDate', 'projectStatus'] as const) {
      if (input[k] !== undefined && input[k] !== null) errors.push({ path: `body.${k}`, message: 'only projects have this field' });
    }
  }
  if (merged.startDate && merged.targetDate && merged.startDate > merged.targetDate) errors.push({ path: 'body.targetDate', message: 'must not be before startDate' });
  if (errors.length) invalid(errors);
}
