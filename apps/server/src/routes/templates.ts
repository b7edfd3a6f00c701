import { ApplyTemplateInput, ApplyTemplateResult, CreateTemplateInput, IdParams, page, SaveItemAsTemplateInput, SaveSpaceAsTemplateInput, Template, TemplateListQuery, UpdateTemplateInput } from '@weft/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../app';
import { applyTemplate } from '../commands/templates/apply-template';
import { createTemplate } from '../commands/templates/create-template';
import { deleteTemplate } from '../commands/templates/delete-template';
import { saveItemAsTemplate } from '../commands/templates/save-item-as-template';
import { saveSpaceAsTemplate } from '../commands/templates/save-space-as-template';
import { updateTemplate } from '../commands/templates/update-template';
import type { Deps } from '../context';
import { presentField, presentView } from '../presenters/config';
import { presentItems } from '../presenters/item';
import { presentOneSpace } from '../presenters/space';
import { presentTemplate, presentTemplates } from '../presenters/templates';
import { listTemplates, loadTemplateAccess } from '../queries/templates/template-access';
import { ifMatchVersion } from './versions';

const tags = ['templates'];
const user = { auth: 'user' } as const;

/** Item and space templates: CRUD in a workspace, save an item or a space as one, apply one. */
export const templatesRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const db = deps.store.db;
    app.get('/workspaces/:id/templates', { config: user, schema: { tags, params: IdParams, querystring: TemplateListQuery, response: { 200: page(Template) } } }, async (req) => {
      const { m, data, nextCursor } = await listTemplates(ctxOf(deps, req), req.params.id, req.query);
      return { data: await presentTemplates(db, m, data), nextCursor };
    });
    app.post('/workspaces/:id/templates', { config: user, schema: { tags, params: IdParams, body: CreateTemplateInput, response: { 201: Template } } }, async (req, reply) => {
      const { row, m, subject } = await createTemplate(ctxOf(deps, req), req.params.id, req.body);
      return reply.code(201).send(presentTemplate(row, m, subject));
    });
    app.get('/templates/:id', { config: user, schema: { tags, params: IdParams, response: { 200: Template } } }, async (req) => {
      const { template, m, subject } = await loadTemplateAccess(db, ctxOf(deps, req).actor, req.params.id);
      return presentTemplate(template, m, subject);
    });
    app.patch('/templates/:id', { config: user, schema: { tags, params: IdParams, body: UpdateTemplateInput, response: { 200: Template } } }, async (req) => {
      const { row, m, subject } = await updateTemplate(ctxOf(deps, req), req.params.id, { ...req.body, version: ifMatchVersion(req) ?? req.body.version });
      return presentTemplate(row, m, subject);
    });
    app.delete('/templates/:id', { config: user, schema: { tags, params: IdParams, response: { 204: z.null().describe('deleted') } } }, async (req, reply) => {
      await deleteTemplate(ctxOf(deps, req), req.params.id);
      return reply.code(204).send(null);
    });
    app.post('/items/:id/save-as-template', { config: user, schema: { tags, params: IdParams, body: SaveItemAsTemplateInput, response: { 201: Template } } }, async (req, reply) => {
      const { row, m, subject } = await saveItemAsTemplate(ctxOf(deps, req), req.params.id, req.body);
      return reply.code(201).send(presentTemplate(row, m, subject));
    });
    app.post('/spaces/:id/save-as-template', { config: user, schema: { tags, params: IdParams, body: SaveSpaceAsTemplateInput, response: { 201: Template } } }, async (req, reply) => {
      const { row, m, subject } = await saveSpaceAsTemplate(ctxOf(deps, req), req.params.id, req.body);
      return reply.code(201).send(presentTemplate(row, m, subject));
    });
    app.post('/templates/:id/apply', { config: user, schema: { tags, params: IdParams, body: ApplyTemplateInput, response: { 201: ApplyTemplateResult } } }, async (req, reply) => {
      const made = await applyTemplate(ctxOf(deps, req), req.params.id, req.body);
      const { m, dropped } = made;
      if ('item' in made) {
        const [item, ...subitems] = await presentItems(db, m, [made.item, ...made.subitems]);
        return reply.code(201).send({ kind: 'item' as const, item, subitems, dropped });
      }
      return reply.code(201).send({
        kind: 'space' as const,
        space: await presentOneSpace(db, m, made.space),
        fields: made.fields.map((f) => presentField(f, m)),
        views: made.views.map((v) => presentView(v.row, v.m, v.subject)),
        ...made.made,
        dropped,
      });
    });
  };
