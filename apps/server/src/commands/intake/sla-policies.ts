import { isUniqueViolation, newId, type SlaPoliciesTable } from '@weft/db';
import { CreateSlaPolicyInput, type FieldError, UpdateSlaPolicyInput, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx, Db } from '../../context';
import { appendEvent } from '../../events/append';
import { slaPolicy } from '../../policies/intake.policy';
import { authorize } from '../../policies/policy';
import { presentSlaPolicy } from '../../presenters/intake';
import { loadSlaPolicy, spaceScope } from '../../queries/intake/load';
import { type Tx, withTx } from '../../tx';
import { invalid } from '../spaces/space-checks';
import { requireVersion, versionConflict } from '../versioned';

// Create, update and delete of one small resource live together: each is a few lines of the same shape.

async function checkCalendar(db: Db, workspaceId: string, calendarId: string): Promise<void> {
  const cal = await db.selectFrom('working_calendars').select('id').where('id', '=', calendarId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  if (!cal) invalid([{ path: 'body.calendarId', message: 'no such calendar in this workspace' } satisfies FieldError]);
}

/**
 * Sets a space's SLA policy (one per space; 409 SLA_POLICY_EXISTS when it has one). Requests get
 * their due times when submitted: a policy applies to requests submitted after it is set.
 */
export async function createSlaPolicy(ctx: Ctx, spaceId: string, raw: z.input<typeof CreateSlaPolicyInput>) {
  const input = CreateSlaPolicyInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { space, m, subject } = await spaceScope(tx.db, ctx.actor, spaceId, 'SPACE_NOT_FOUND');
    authorize(slaPolicy, 'sla.manage', m, subject, { canRead: true, notFound: 'SPACE_NOT_FOUND' });
    await checkCalendar(tx.db, space.workspace_id, input.calendarId);
    return { policy: await createSlaPolicyTx(tx, space, input), m, subject };
  });
}

/** The write of a space's SLA policy inside a caller's transaction (authorized and checked by the caller); also used by space templates. */
export async function createSlaPolicyTx(tx: Tx, space: { id: string; workspace_id: string }, input: z.output<typeof CreateSlaPolicyInput>): Promise<SlaPoliciesTable> {
  if (await tx.db.selectFrom('sla_policies').select('id').where('space_id', '=', space.id).executeTakeFirst()) {
    throw new WeftError('SLA_POLICY_EXISTS', 'this space already has an SLA policy: change that one');
  }
  const row: SlaPoliciesTable = {
    id: newId(),
    workspace_id: space.workspace_id,
    space_id: space.id,
    name: input.name,
    calendar_id: input.calendarId,
    targets: JSON.stringify(input.targets),
    created_at: tx.now,
    updated_at: tx.now,
    version: 1,
  };
  try {
    await tx.db.insertInto('sla_policies').values(row).execute();
  } catch (e) {
    if (isUniqueViolation(e)) throw new WeftError('SLA_POLICY_EXISTS', 'this space already has an SLA policy');
    throw e;
  }
  await appendEvent(tx, { type: 'sla_policy.created', workspaceId: space.workspace_id, spaceId: space.id, data: { policyId: row.id } });
  return row;
}

export async function updateSlaPolicy(ctx: Ctx, id: string, raw: z.input<typeof UpdateSlaPolicyInput>) {
  const input = UpdateSlaPolicyInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { policy, m, subject } = await loadSlaPolicy(tx.db, ctx.actor, id);
    authorize(slaPolicy, 'sla.manage', m, subject, { canRead: true, notFound: 'SLA_NOT_FOUND' });
    const version = requireVersion(input.version);
    if (Number(policy.version) !== version) versionConflict(presentSlaPolicy(policy, m, subject));
    if (input.calendarId) await checkCalendar(tx.db, policy.workspace_id, input.calendarId);
    const updated = await tx.db
      .updateTable('sla_policies')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.calendarId !== undefined ? { calendar_id: input.calendarId } : {}),
        ...(input.targets !== undefined ? { targets: JSON.stringify(input.targets) } : {}),
        updated_at: tx.now,
        version: version + 1,
      })
      .where('id', '=', policy.id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) versionConflict(presentSlaPolicy(policy, m, subject));
    await appendEvent(tx, { type: 'sla_policy.updated', workspaceId: policy.workspace_id, spaceId: policy.space_id, data: { policyId: policy.id, changed: Object.keys(input).filter((k) => k !== 'version') } });
    return { policy: updated, m, subject };
  });
}

/** Removes a space's SLA policy; requests keep the due times they were given. */
export async function deleteSlaPolicy(ctx: Ctx, id: string) {
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { policy, m, subject } = await loadSlaPolicy(tx.db, ctx.actor, id);
    authorize(slaPolicy, 'sla.manage', m, subject, { canRead: true, notFound: 'SLA_NOT_FOUND' });
    await tx.db.deleteFrom('sla_policies').where('id', '=', policy.id).execute();
    await appendEvent(tx, { type: 'sla_policy.deleted', workspaceId: policy.workspace_id, spaceId: policy.space_id, data: { policyId: policy.id } });
  });
}
