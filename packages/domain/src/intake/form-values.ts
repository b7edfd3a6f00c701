import type { FieldError } from '../errors';
import { type FormFieldKind, INTAKE_LIMITS } from './constants';

/** What the checker needs of a form field (the schema's FormField). */
export type FormFieldDef = {
  key: string;
  label: string;
  kind: FormFieldKind;
  required: boolean;
  maxLength?: number;
  options?: ReadonlyArray<{ value: string; label: string }>;
  mapsTo: 'title' | 'description' | 'due' | 'priority' | 'field' | 'none';
  fieldId?: string;
};

/** A submission turned into item parts: title, markdown description, due date, priority, custom fields. */
export type MappedSubmission = {
  title: string;
  description: string;
  dueAt: string | null;
  priority: string | null;
  fields: Record<string, string>;
};

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** A plausible email address (one @, a dotted domain, no spaces or brackets), at most 254 characters. */
export function isEmailAddress(v: string): boolean {
  return v.length <= INTAKE_LIMITS.emailMax && EMAIL.test(v);
}

const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** The longest value a field accepts. */
export function maxLengthOf(f: Pick<FormFieldDef, 'kind' | 'maxLength'>): number {
  switch (f.kind) {
    case 'short_text':
      return f.maxLength ?? INTAKE_LIMITS.shortTextDefault;
    case 'long_text':
      return f.maxLength ?? INTAKE_LIMITS.longTextDefault;
    case 'email':
      return INTAKE_LIMITS.emailMax;
    default:
      return 200;
  }
}

function checkOne(f: FormFieldDef, v: string): string | null {
  if (v.length > maxLengthOf(f)) return `at most ${maxLengthOf(f)} characters`;
  switch (f.kind) {
    case 'email':
      return isEmailAddress(v) ? null : 'must be an email address';
    case 'date':
      return isDate(v) ? null : 'must be a date (YYYY-MM-DD)';
    case 'choice':
      return f.options?.some((o) => o.value === v) ? null : `must be one of: ${(f.options ?? []).map((o) => o.value).join(', ')}`;
    default:
      return null;
  }
}

/**
 * Checks a submission's values against the form (every problem at once, at `body.values.<key>`)
 * and maps them onto an item. Fields mapped to `none` are kept as a labelled list in the description.
 */
export function checkSubmission(fields: readonly FormFieldDef[], values: Readonly<Record<string, string>>): { errors: FieldError[]; mapped: MappedSubmission | null } {
  const errors: FieldError[] = [];
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const key of Object.keys(values)) if (!byKey.has(key)) errors.push({ path: `body.values.${key}`, message: 'not a field of this form' });
  const mapped: MappedSubmission = { title: '', description: '', dueAt: null, priority: null, fields: {} };
  const body: string[] = [];
  const details: string[] = [];
  for (const f of fields) {
    const raw = values[f.key];
    const v = typeof raw === 'string' ? raw.trim() : '';
    const path = `body.values.${f.key}`;
    if (v === '') {
      if (f.required || f.mapsTo === 'title') errors.push({ path, message: 'is required' });
      continue;
    }
    const bad = checkOne(f, v);
    if (bad) {
      errors.push({ path, message: bad });
      continue;
    }
    if (f.mapsTo === 'title') mapped.title = v.replace(/\s+/g, ' ');
    else if (f.mapsTo === 'description') body.push(v);
    else if (f.mapsTo === 'due') mapped.dueAt = v;
    else if (f.mapsTo === 'priority') mapped.priority = v;
    else if (f.mapsTo === 'field' && f.fieldId) mapped.fields[f.fieldId] = v;
    else details.push(`- **${f.label}:** ${f.kind === 'long_text' ? v.replace(/\n/g, '\n  ') : v}`);
  }
  mapped.description = [...body, ...(details.length ? [details.join('\n')] : [])].join('\n\n');
  return errors.length ? { errors, mapped: null } : { errors, mapped };
}
