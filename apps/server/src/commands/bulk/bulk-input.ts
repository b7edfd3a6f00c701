import { BulkInput, type FieldError, WeftError } from '@weft/domain';
import type { z } from 'zod';

export type BulkSet = z.infer<typeof BulkInput>['set'];

/**
 * Input rules the schema cannot say: something must change, and a list is either replaced or
 * edited (add/remove), never both in one request.
 */
export function checkBulkInput(raw: z.input<typeof BulkInput>): z.infer<typeof BulkInput> {
  const input = BulkInput.parse(raw);
  const s = input.set;
  const errors: FieldError[] = [];
  const given = Object.entries(s).filter(([, v]) => v !== undefined);
  if (given.length === 0 || (given.length === 1 && s.delete === false)) errors.push({ path: 'body.set', message: 'name at least one change' });
  for (const list of ['assigneeIds', 'labelIds'] as const) {
    const cap = list[0].toUpperCase() + list.slice(1);
    if (s[list] !== undefined && (s[`add${cap}` as keyof BulkSet] !== undefined || s[`remove${cap}` as keyof BulkSet] !== undefined)) {
      errors.push({ path: `body.set.${list}`, message: `replace the list or add/remove from it, not both` });
    }
  }
  if (s.delete && given.length > 1) errors.push({ path: 'body.set.delete', message: 'a delete cannot be combined with other changes' });
  if (s.spaceId !== undefined && given.some(([k]) => k !== 'spaceId' && k !== 'statusId')) {
    errors.push({ path: 'body.set.spaceId', message: 'a move to another space combines only with statusId (a status of that space)' });
  }
  if (errors.length) throw new WeftError('VALIDATION_FAILED', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { fields: errors });
  return { ...input, itemIds: [...new Set(input.itemIds)] };
}

/** The assignee or label list an item ends with under a bulk change. */
export function nextList(current: readonly string[], replace: readonly string[] | undefined, add: readonly string[] = [], remove: readonly string[] = []): string[] {
  const base = replace ? [...new Set(replace)] : [...current];
  return [...new Set([...base.filter((id) => !remove.includes(id)), ...add.filter((id) => !remove.includes(id))])];
}
