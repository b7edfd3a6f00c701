import { isUniqueViolation, newId, type SpacesTable } from '@weft/db';
import { CreateSpaceInput, DEFAULT_WORKFLOW, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { appendEvent } from '../../events/append';
import { authorize } from '../../policies/policy';
import { spacePolicy } from '../../policies/space.policy';
import { membershipOf } from '../../queries/access';
import { type Tx, withTx } from '../../tx';
import { checkProjectFields, requireWorkspaceMembers } from './space-checks';

const keyTaken = (key: string) => new WeftError('SPACE_KEY_TAKEN', `the key ${key} is already used in this workspace`, { fields: [{ path: 'body.key', message: 'taken' }] });

/** Creates a stream or project with the default workflow; the creator becomes a member. */
export async function createSpace(ctx: Ctx, workspaceId: string, raw: z.input<typeof CreateSpaceInput>) {
  const input = CreateSpaceInput.parse(raw);
  try {
    return await withTx(ctx.deps, ctx.actor.userId, (tx) => createSpaceTx(tx, ctx, workspaceId, input));
  } catch (e) {
    if (isUniqueViolation(e)) throw keyTaken(input.key);
    throw e;
  }
}

/** A workflow to start a space with: the default one, or a template's. */
export type WorkflowSeed = ReadonlyArray<{ name: string; category: string; color?: string | null }>;

/** The create inside a caller's transaction (space templates create a space with their own workflow). */
export async function createSpaceTx(tx: Tx, ctx: Ctx, workspaceId: string, input: z.output<typeof CreateSpaceInput>, workflow: WorkflowSeed = DEFAULT_WORKFLOW) {
  const m = await membershipOf(tx.db, ctx.actor, workspaceId);
  authorize(spacePolicy, 'space.create', m, { visibility: input.visibility, isSpaceMember: true }, { canRead: true, notFound: 'WORKSPACE_NOT_FOUND' });
  checkProjectFields(input.kind, input, { startDate: input.startDate ?? null, targetDate: input.targetDate ?? null });
  const memberIds = [...new Set([ctx.actor.userId, ...(input.memberIds ?? [])])];
  await requireWorkspaceMembers(tx.db, workspaceId, memberIds, 'body.memberIds');
  if (input.leadId) await requireWorkspaceMembers(tx.db, workspaceId, [input.leadId], 'body.leadId');
  const taken = await tx.db.selectFrom('spaces').select('id').where('workspace_id', '=', workspaceId).where('key', '=', input.key).executeTakeFirst();
  if (taken) throw keyTaken(input.key);
  const isProject = input.kind === 'project';
  const space: SpacesTable = {
    id: newId(),
    workspace_id: workspaceId,
    key: input.key,
    name: input.name,
    kind: input.kind,
    description: input.description,
    visibility: input.visibility,
    goal: isProject ? (input.goal ?? null) : null,
    start_date: isProject ? (input.startDate ?? null) : null,
    target_date: isProject ? (input.targetDate ?? null) : null,
    lead_id: input.leadId ?? null,
    project_status: isProject ? (input.projectStatus ?? 'planned') : null,
    item_seq: 0,
    archived_at: null,
    created_at: tx.now,
    updated_at: tx.now,
    version: 1,
  };
  await tx.db.insertInto('spaces').values(space).execute();
  await tx.db
    .insertInto('space_members')
    .values(memberIds.map((user_id) => ({ space_id: space.id, user_id, created_at: tx.now })))
    .execute();
  await tx.db
    .insertInto('statuses')
    .values(workflow.map((s, i) => ({ id: newId(), space_id: space.id, name: s.name, category: s.category, position: i, color: s.color ?? null })))
    .execute();
  await appendEvent(tx, { type: 'space.created', workspaceId, spaceId: space.id, data: { key: space.key, name: space.name, kind: space.kind, memberIds } });
  return { space, m };
}
