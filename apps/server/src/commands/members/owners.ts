import { WeftError } from '@weft/domain';
import type { Tx } from '../../tx';

/**
 * Refuses a change that would leave a workspace without an owner. On PostgreSQL the owner rows are
 * locked first, so two owners demoting or removing each other at the same moment cannot both pass
 * the check (the second waits, then counts again). SQLite has a single writer, so it needs no lock.
 */
export async function assertKeepsAnOwner(tx: Tx, workspaceId: string, leavingUserId: string): Promise<void> {
  let q = tx.db.selectFrom('members').select('user_id').where('workspace_id', '=', workspaceId).where('role', '=', 'owner');
  if (tx.dialect === 'postgres') q = q.forUpdate();
  const owners = await q.execute();
  if (!owners.some((o) => o.user_id !== leavingUserId)) {
    throw new WeftError('LAST_OWNER', 'a workspace keeps at least one owner: make someone else an owner first');
  }
}
