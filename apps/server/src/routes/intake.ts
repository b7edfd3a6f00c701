import {
  AcceptRequestInput,
  Calendar,
  CreateCalendarInput,
  CreateFormInput,
  CreateSlaPolicyInput,
  DeclineRequestInput,
  Form,
  FormPublicParams,
  IdParams,
  INTAKE_LIMITS,
  IntakeRequest,
  MergeRequestInput,
  PublicForm,
  ReferenceParams,
  RequestIdParams,
  RequestListQuery,
  RequestStatus,
  SlaPolicy,
  SubmissionReceipt,
  SubmitFormInput,
  UpdateCalendarInput,
  UpdateFormInput,
  UpdateSlaPolicyInput,
  page,
} from '@weft/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctxOf } from '../app';
import { acceptRequest } from '../commands/intake/accept-request';
import { createCalendar, deleteCalendar, updateCalendar } from '../commands/intake/calendars';
import { createForm } from '../commands/intake/create-form';
import { declineRequest } from '../commands/intake/decline-request';
import { mergeRequest } from '../commands/intake/merge-request';
import { createSlaPolicy, deleteSlaPolicy, updateSlaPolicy } from '../commands/intake/sla-policies';
import { submitForm } from '../commands/intake/submit-form';
import { updateForm } from '../commands/intake/update-form';
import type { Deps } from '../context';
import { presentCalendar, presentForm, presentSlaPolicy } from '../presenters/intake';
import { listCalendars, listForms, listRequests, listSlaPolicies, readFormByLink, readRequest, readRequestStatus } from '../queries/intake/reads';
import { ifMatchVersion } from './versions';
// Registers this area's space-template extension (save a space as a template → apply it).
import '../commands/intake/template-extension';

const forms = ['intake: forms'];
const requests = ['intake: requests'];
const sla = ['intake: SLA'];

/**
 * Routes of issue 4: intake forms, requests, SLA policies and working calendars. Three are public:
 * a form's link (`GET /forms/{publicId}`), its submissions, and a request's status by reference
 * (`GET /requests/{reference}`). A member reads a request at `/requests/{id}/details` (by id or
 * reference): `GET /requests/{x}` is the requester's public view and one path cannot carry both.
 */
export const intakeRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/spaces/:id/forms', { config: { auth: 'user' }, schema: { tags: forms, params: IdParams, response: { 200: page(Form) } } }, async (req) => listForms(ctxOf(deps, req), req.params.id));
    app.post('/spaces/:id/forms', { config: { auth: 'user' }, schema: { tags: forms, params: IdParams, body: CreateFormInput, response: { 201: Form } } }, async (req, reply) => {
      const { form, m, subject } = await createForm(ctxOf(deps, req), req.params.id, req.body);
      return reply.code(201).send(presentForm(form, m, subject));
    });
    app.patch('/forms/:id', { config: { auth: 'user' }, schema: { tags: forms, params: IdParams, body: UpdateFormInput, response: { 200: Form } } }, async (req) => {
      const { form, m, subject } = await updateForm(ctxOf(deps, req), req.params.id, { ...req.body, version: ifMatchVersion(req) ?? req.body.version });
      return presentForm(form, m, subject);
    });
    app.get('/forms/:publicId', { config: { auth: 'public' }, schema: { tags: forms, params: FormPublicParams, response: { 200: PublicForm } } }, async (req) =>
      readFormByLink(deps, req.actor, req.params.publicId),
    );
    app.post(
      '/forms/:publicId/submissions',
      {
        config: { auth: 'public' },
        bodyLimit: INTAKE_LIMITS.submissionBodyBytes,
        schema: { tags: forms, params: FormPublicParams, body: SubmitFormInput, response: { 201: SubmissionReceipt } },
      },
      async (req, reply) => reply.code(201).send(await submitForm(deps, req.params.publicId, req.body, { actor: req.actor, ip: req.ip, requestId: req.id })),
    );

    app.get('/requests/:reference', { config: { auth: 'public' }, schema: { tags: requests, params: ReferenceParams, response: { 200: RequestStatus } } }, async (req) =>
      readRequestStatus(deps, req.params.reference),
    );
    app.get('/requests/:id/details', { config: { auth: 'user' }, schema: { tags: requests, params: RequestIdParams, response: { 200: IntakeRequest } } }, async (req) =>
      readRequest(ctxOf(deps, req), req.params.id),
    );
    app.get('/spaces/:id/requests', { config: { auth: 'user' }, schema: { tags: requests, params: IdParams, querystring: RequestListQuery, response: { 200: page(IntakeRequest) } } }, async (req) =>
      listRequests(ctxOf(deps, req), req.params.id, req.query),
    );
    app.post('/requests/:id/accept', { config: { auth: 'user' }, schema: { tags: requests, params: RequestIdParams, body: AcceptRequestInput.optional(), response: { 200: IntakeRequest } } }, async (req) => {
      const ctx = ctxOf(deps, req);
      const { id } = await acceptRequest(ctx, req.params.id, req.body ?? {});
      return readRequest(ctx, id);
    });
    app.post('/requests/:id/decline', { config: { auth: 'user' }, schema: { tags: requests, params: RequestIdParams, body: DeclineRequestInput, response: { 200: IntakeRequest } } }, async (req) => {
      const ctx = ctxOf(deps, req);
      const { id } = await declineRequest(ctx, req.params.id, req.body);
      return readRequest(ctx, id);
    });
    app.post('/requests/:id/merge', { config: { auth: 'user' }, schema: { tags: requests, params: RequestIdParams, body: MergeRequestInput, response: { 200: IntakeRequest } } }, async (req) => {
      const ctx = ctxOf(deps, req);
      const { id } = await mergeRequest(ctx, req.params.id, req.body);
      return readRequest(ctx, id);
    });

    app.get('/spaces/:id/sla-policies', { config: { auth: 'user' }, schema: { tags: sla, params: IdParams, response: { 200: page(SlaPolicy) } } }, async (req) => listSlaPolicies(ctxOf(deps, req), req.params.id));
    app.post('/spaces/:id/sla-policies', { config: { auth: 'user' }, schema: { tags: sla, params: IdParams, body: CreateSlaPolicyInput, response: { 201: SlaPolicy } } }, async (req, reply) => {
      const { policy, m, subject } = await createSlaPolicy(ctxOf(deps, req), req.params.id, req.body);
      return reply.code(201).send(presentSlaPolicy(policy, m, subject));
    });
    app.patch('/sla-policies/:id', { config: { auth: 'user' }, schema: { tags: sla, params: IdParams, body: UpdateSlaPolicyInput, response: { 200: SlaPolicy } } }, async (req) => {
      const { policy, m, subject } = await updateSlaPolicy(ctxOf(deps, req), req.params.id, { ...req.body, version: ifMatchVersion(req) ?? req.body.version });
      return presentSlaPolicy(policy, m, subject);
    });
    app.delete('/sla-policies/:id', { config: { auth: 'user' }, schema: { tags: sla, params: IdParams } }, async (req, reply) => {
      await deleteSlaPolicy(ctxOf(deps, req), req.params.id);
      return reply.code(204).send();
    });

    app.get('/workspaces/:id/calendars', { config: { auth: 'user' }, schema: { tags: sla, params: IdParams, response: { 200: page(Calendar) } } }, async (req) => listCalendars(ctxOf(deps, req), req.params.id));
    app.post('/workspaces/:id/calendars', { config: { auth: 'user' }, schema: { tags: sla, params: IdParams, body: CreateCalendarInput, response: { 201: Calendar } } }, async (req, reply) => {
      const { cal, m } = await createCalendar(ctxOf(deps, req), req.params.id, req.body);
      return reply.code(201).send(presentCalendar(cal, m));
    });
    app.patch('/calendars/:id', { config: { auth: 'user' }, schema: { tags: sla, params: IdParams, body: UpdateCalendarInput, response: { 200: Calendar } } }, async (req) => {
      const { cal, m } = await updateCalendar(ctxOf(deps, req), req.params.id, { ...req.body, version: ifMatchVersion(req) ?? req.body.version });
      return presentCalendar(cal, m);
    });
    app.delete('/calendars/:id', { config: { auth: 'user' }, schema: { tags: sla, params: IdParams } }, async (req, reply) => {
      await deleteCalendar(ctxOf(deps, req), req.params.id);
      return reply.code(204).send();
    });
  };
