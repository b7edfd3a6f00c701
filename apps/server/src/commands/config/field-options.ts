import { lowerEq, newId } from '@weft/db';
import { type FieldType, WeftError } from '@weft/domain';
import type { FieldOptionJson } from '../../presenters/config';
import type { Tx } from '../../tx';

type OptionInput = { id?: string; name: string; color?: string };

/**
 * Only select and multi-select fields have options. Each option gets a stable id (values refer to
 * it, so renaming an option keeps them); ids and names must be unique within the field.
 */
export function normalizeOptions(type: FieldType, options: OptionInput[] | undefined): FieldOptionJson[] {
  if (!options || options.length === 0) return [];
  if (type !== 'select' && type !== 'multi_select') {
    throw new WeftError('VALIDATION_FAILED', `body.options: only select and multi-select fields have options`, { fields: [{ path: 'body.options', message: 'only select and multi_select fields have options' }] });
  }
  const ids = new Set<string>();
  const names = new Set<string>();
  return options.map((o, i) => {
    const id = o.id ?? newId();
    const name = o.name.toLowerCase();
    if (ids.has(id)) throw new WeftError('VALIDATION_FAILED', `body.options.${i}.id: duplicate option id`, { fields: [{ path: `body.options.${i}.id`, message: 'duplicate option id' }] });
    if (names.has(name)) throw new WeftError('VALIDATION_FAILED', `body.options.${i}.name: duplicate option name`, { fields: [{ path: `body.options.${i}.name`, message: 'duplicate option name' }] });
    ids.add(id);
    names.add(name);
    return { id, name: o.name, ...(o.color !== undefined ? { color: o.color } : {}) };
  });
}

/**
 * The query language finds a custom field by name, so a name must be unambiguous where it
 * applies: a workspace-wide field clashes with any field, a space field with workspace-wide ones
 * and those of its own space. Compared case-insensitively.
 */
export async function assertFieldNameFree(tx: Tx, workspaceId: string, spaceId: string | null, name: string, exceptId?: string): Promise<void> {
  const clash = await tx.db
    .selectFrom('fields')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where((eb) => lowerEq(eb.ref('name'), name))
    .$if(spaceId !== null, (q) => q.where((eb) => eb.or([eb('space_id', 'is', null), eb('space_id', '=', spaceId as string)])))
    .$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId as string))
    .executeTakeFirst();
  if (clash) throw new WeftError('ALREADY_EXISTS', `a field named "${name}" already exists here`, { fields: [{ path: 'body.name', message: 'taken' }] });
}
