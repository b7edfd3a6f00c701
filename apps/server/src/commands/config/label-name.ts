import { lowerEq } from '@weft/db';
import { WeftError } from '@weft/domain';
import type { Tx } from '../../tx';

/** Label names are unique per workspace regardless of case ("Bug" and "bug" are one label). */
export async function assertLabelNameFree(tx: Tx, workspaceId: string, name: string, exceptId?: string): Promise<void> {
  const clash = await tx.db
    .selectFrom('labels')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where((eb) => lowerEq(eb.ref('name'), name))
    .$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId as string))
    .executeTakeFirst();
  if (clash) throw labelTaken(name);
}

export function labelTaken(name: string): WeftError {
  return new WeftError('ALREADY_EXISTS', `a label named "${name}" already exists`, { fields: [{ path: 'body.name', message: 'taken' }] });
}
