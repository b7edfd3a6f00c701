import { randomBytes } from 'node:crypto';
import type { IntakeFormsTable } from '@weft/db';
import { newId } from '@weft/db';
import { checkSubmission, CreateItemInput, type FieldError, type FormField, HONEYPOT_FIELD, isEmailAddress, isWeftError, SubmitFormInput, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Actor, Ctx, Deps } from '../../context';
import { appendEvent } from '../../events/append';
import { formPolicy } from '../../policies/intake.policy';
import { authorize } from '../../policies/policy';
import { parseJson } from '../../presenters/intake';
import { spaceScope } from '../../queries/intake/load';
import { checkSubmissionRate, clientKey } from '../../queries/intake/rate-limit';
import { withTx } from '../../tx';
import { createItemsTx } from '../items/create-item';
import { pickAssignee } from './assignee';
import { slaClocksFor } from './sla-clock';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `REQ-` + 16 Crockford base-32 characters: 80 random bits, enough to serve as a capability. */
export function newReference(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  return `REQ-${out}`;
}

export type Receipt = { reference: string; statusPath: string };
const receipt = (reference: string): Receipt => ({ reference, statusPath: `/api/v1/requests/${reference}` });

export type SubmitMeta = { actor: Actor | null; ip: string; requestId: string };

/** The first backlog status of the space: where submissions wait for triage unless the form names one. */
async function triageStatus(deps: Deps, form: IntakeFormsTable): Promise<string | undefined> {
  if (form.triage_status_id) return form.triage_status_id;
  const s = await deps.store.db.selectFrom('statuses').select('id').where('space_id', '=', form.space_id).where('category', '=', 'backlog').orderBy('position').orderBy('id').executeTakeFirst();
  return s?.id;
}

/**
 * Turns a submission into an item (through the core creation path, so keys, events and the search
 * index stay right) and a request row, in one transaction. Public forms need no account: the item
 * is created on behalf of the form's creator, the events carry no actor, and the requester's
 * address is recorded on the request and in `request.submitted`. Internal forms need a signed-in
 * reader of the space, who is then the requester.
 */
export async function submitForm(deps: Deps, publicId: string, raw: z.input<typeof SubmitFormInput>, meta: SubmitMeta): Promise<Receipt> {
  const input = SubmitFormInput.parse(raw);
  const form = await deps.store.db.selectFrom('intake_forms').selectAll().where('public_id', '=', publicId).executeTakeFirst();
  if (!form) throw new WeftError('FORM_NOT_FOUND', 'form not found');
  const internal = form.access === 'internal';
  let requester: { email: string; userId: string | null };
  if (internal) {
    if (!meta.actor) throw new WeftError('UNAUTHENTICATED', 'this form is for signed-in members: sign in first');
    const { m, subject } = await spaceScope(deps.store.db, meta.actor, form.space_id, 'FORM_NOT_FOUND');
    authorize(formPolicy, 'form.read', m, subject, { canRead: true, notFound: 'FORM_NOT_FOUND' });
    const u = await deps.store.db.selectFrom('users').select(['email']).where('id', '=', meta.actor.userId).executeTakeFirstOrThrow();
    requester = { email: u.email, userId: meta.actor.userId };
  } else {
    requester = { email: (input.email ?? '').toLowerCase(), userId: null };
  }
  if (form.closed_at) throw new WeftError('FORM_CLOSED', 'this form no longer takes submissions');
  // A filled honeypot is a bot: answer as if accepted (so it learns nothing) and keep nothing.
  if (input[HONEYPOT_FIELD]) return receipt(newReference());

  const { errors, mapped } = checkSubmission(parseJson<FormField[]>(form.fields, []), input.values);
  const all: FieldError[] = [...errors];
  if (!internal && !input.email) all.unshift({ path: 'body.email', message: 'is required: we send nothing, but you need it to prove the request is yours' });
  else if (!internal && !isEmailAddress(requester.email)) all.unshift({ path: 'body.email', message: 'must be an email address' });
  if (all.length || !mapped) throw new WeftError('VALIDATION_FAILED', all.map((e) => `${e.path}: ${e.message}`).join('; '), { fields: all });
  const now = deps.clock.now();
  if (!internal) await checkSubmissionRate(deps.store.db, requester.email, meta.ip, now);

  const statusId = await triageStatus(deps, form);
  try {
    return await withTx(deps, requester.userId, async (tx) => {
      const creator: Actor = internal ? (meta.actor as Actor) : { userId: form.created_by, tokenId: null, readOnly: false };
      const ctx: Ctx = { deps, actor: creator, requestId: meta.requestId };
      const { space } = await spaceScope(tx.db, creator, form.space_id, 'FORM_NOT_FOUND');
      const priority = mapped.priority ?? form.priority;
      const item = CreateItemInput.parse({
        title: mapped.title,
        description: mapped.description,
        type: form.item_type,
        priority,
        statusId,
        assigneeIds: await pickAssignee(tx, form, space),
        ...(mapped.dueAt ? { dueAt: mapped.dueAt } : {}),
        ...(Object.keys(mapped.fields).length ? { fields: mapped.fields } : {}),
      });
      const {
        items: [created],
      } = await createItemsTx(tx, ctx, form.space_id, [item], false);
      const sla = await slaClocksFor(tx.db, form.space_id, priority, new Date(tx.now));
      const reference = newReference();
      const id = newId();
      await tx.db
        .insertInto('intake_requests')
        .values({
          id,
          workspace_id: form.workspace_id,
          space_id: form.space_id,
          form_id: form.id,
          item_id: created.id,
          reference,
          requester_email: requester.email,
          requester_user_id: requester.userId,
          ip_hash: internal ? null : clientKey(meta.ip),
          state: 'triage',
          decline_reason: null,
          merged_into_id: null,
          triaged_by: null,
          triaged_at: null,
          sla_policy_id: sla?.policyId ?? null,
          first_response_due_at: sla?.firstResponse?.dueAt ?? null,
          first_response_risk_at: sla?.firstResponse?.riskAt ?? null,
          first_response_at: null,
          resolution_due_at: sla?.resolution?.dueAt ?? null,
          resolution_risk_at: sla?.resolution?.riskAt ?? null,
          resolved_at: null,
          first_response_risk_event_at: null,
          first_response_breach_event_at: null,
          resolution_risk_event_at: null,
          resolution_breach_event_at: null,
          created_at: tx.now,
          updated_at: tx.now,
          version: 1,
        })
        .execute();
      await appendEvent(tx, {
        type: 'request.submitted',
        workspaceId: form.workspace_id,
        spaceId: form.space_id,
        itemId: created.id,
        data: { requestId: id, reference, formId: form.id, itemKey: created.key, requesterEmail: requester.email, via: internal ? 'internal' : 'public' },
      });
      return receipt(reference);
    });
  } catch (e) {
    // The form's creator lost access to the space: the public door is shut, not broken.
    if (!internal && isWeftError(e) && (e.code === 'SPACE_NOT_FOUND' || e.code === 'FORBIDDEN' || e.code === 'FORM_NOT_FOUND')) {
      throw new WeftError('FORM_CLOSED', 'this form no longer takes submissions');
    }
    throw e;
  }
}
