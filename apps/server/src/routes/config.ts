import {
  CreateFieldInput,
  CreateItemTypeInput,
  CreateLabelInput,
  CreateViewInput,
  Field,
  Id,
  IdParams,
  ItemType,
  Label,
  PageQuery,
  page,
  UpdateFieldInput,
  UpdateLabelInput,
  UpdateViewInput,
  View,
} from '@weft/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctxOf } from '../app';
import { createField } from '../commands/config/create-field';
import { createItemType } from '../commands/config/create-item-type';
import { createLabel } from '../commands/config/create-label';
import { createView } from '../commands/config/create-view';
import { deleteField } from '../commands/config/delete-field';
import { deleteLabel } from '../commands/config/delete-label';
import { deleteView } from '../commands/config/delete-view';
import { updateField } from '../commands/config/update-field';
import { updateLabel } from '../commands/config/update-label';
import { updateView } from '../commands/config/update-view';
import type { Deps } from '../context';
import { presentField, presentItemType, presentLabel, presentView } from '../presenters/config';
import { listFields, listItemTypes, listLabels, listViews, viewAccess } from '../queries/config';
import { ifMatchVersion } from './versions';

const SpacePageQuery = PageQuery.extend({ spaceId: Id.optional() });
const user = { auth: 'user' } as const;

/** Workspace configuration: custom fields, labels, item types and saved views. */
export const configRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['config'];
    app.get('/workspaces/:id/fields', { config: user, schema: { tags, params: IdParams, querystring: SpacePageQuery, response: { 200: page(Field) } } }, async (req) => {
      const { m, data, nextCursor } = await listFields(ctxOf(deps, req), req.params.id, req.query);
      return { data: data.map((f) => presentField(f, m)), nextCursor };
    });
    app.post('/workspaces/:id/fields', { config: user, schema: { tags, params: IdParams, body: CreateFieldInput, response: { 201: Field } } }, async (req, reply) => {
      const { row, m } = await createField(ctxOf(deps, req), req.params.id, req.body);
      return reply.code(201).send(presentField(row, m));
    });
    app.patch('/fields/:id', { config: user, schema: { tags, params: IdParams, body: UpdateFieldInput, response: { 200: Field } } }, async (req) => {
      const { row, m } = await updateField(ctxOf(deps, req), req.params.id, { ...req.body, version: ifMatchVersion(req) ?? req.body.version });
      return presentField(row, m);
    });
    app.delete('/fields/:id', { config: user, schema: { tags, params: IdParams } }, async (req, reply) => {
      await deleteField(ctxOf(deps, req), req.params.id);
      return reply.code(204).send();
    });

    app.get('/workspaces/:id/labels', { config: user, schema: { tags, params: IdParams, querystring: PageQuery, response: { 200: page(Label) } } }, async (req) => {
      const { m, data, nextCursor } = await listLabels(ctxOf(deps, req), req.params.id, req.query);
      return { data: data.map((l) => presentLabel(l, m)), nextCursor };
    });
    app.post('/workspaces/:id/labels', { config: user, schema: { tags, params: IdParams, body: CreateLabelInput, response: { 201: Label } } }, async (req, reply) => {
      const { row, m } = await createLabel(ctxOf(deps, req), req.params.id, req.body);
      return reply.code(201).send(presentLabel(row, m));
    });
    app.patch('/labels/:id', { config: user, schema: { tags, params: IdParams, body: UpdateLabelInput, response: { 200: Label } } }, async (req) => {
      const { row, m } = await updateLabel(ctxOf(deps, req), req.params.id, { ...req.body, version: ifMatchVersion(req) ?? req.body.version });
      return presentLabel(row, m);
    });
    app.delete('/labels/:id', { config: user, schema: { tags, params: IdParams } }, async (req, reply) => {
      await deleteLabel(ctxOf(deps, req), req.params.id);
      return reply.code(204).send();
    });

    app.get('/workspaces/:id/types', { config: user, schema: { tags, params: IdParams, querystring: PageQuery, response: { 200: page(ItemType) } } }, async (req) => {
      const { data, nextCursor } = await listItemTypes(ctxOf(deps, req), req.params.id, req.query);
      return { data: data.map(presentItemType), nextCursor };
    });
    app.post('/workspaces/:id/types', { config: user, schema: { tags, params: IdParams, body: CreateItemTypeInput, response: { 201: ItemType } } }, async (req, reply) =>
      reply.code(201).send(presentItemType(await createItemType(ctxOf(deps, req), req.params.id, req.body))),
    );

    app.get('/workspaces/:id/views', { config: user, schema: { tags, params: IdParams, querystring: SpacePageQuery, response: { 200: page(View) } } }, async (req) => {
      const { m, data, nextCursor } = await listViews(ctxOf(deps, req), req.params.id, req.query);
      return { data: data.map((v) => presentView(v.view, m, v.subject)), nextCursor };
    });
    app.post('/workspaces/:id/views', { config: user, schema: { tags, params: IdParams, body: CreateViewInput, response: { 201: View } } }, async (req, reply) => {
      const { row, m, subject } = await createView(ctxOf(deps, req), req.params.id, req.body);
      return reply.code(201).send(presentView(row, m, subject));
    });
    app.get('/views/:id', { config: user, schema: { tags, params: IdParams, response: { 200: View } } }, async (req) => {
      const { view, m, subject } = await viewAccess(deps.store.db, ctxOf(deps, req).actor, req.params.id);
      return presentView(view, m, subject);
    });
    app.patch('/views/:id', { config: user, schema: { tags, params: IdParams, body: UpdateViewInput, response: { 200: View } } }, async (req) => {
      const { row, m, subject } = await updateView(ctxOf(deps, req), req.params.id, { ...req.body, version: ifMatchVersion(req) ?? req.body.version });
      return presentView(row, m, subject);
    });
    app.delete('/views/:id', { config: user, schema: { tags, params: IdParams } }, async (req, reply) => {
      await deleteView(ctxOf(deps, req), req.params.id);
      return reply.code(204).send();
    });
  };
