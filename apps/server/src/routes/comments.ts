import { Comment, CreateCommentInput, IdParams, PageQuery, page, UpdateCommentInput } from '@weft/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../app';
import { createComment } from '../commands/comments/create-comment';
import { deleteComment } from '../commands/comments/delete-comment';
import { updateComment } from '../commands/comments/update-comment';
import type { Deps } from '../context';
import { presentComment } from '../presenters/comment';
import { listComments } from '../queries/comments';
import { ifMatchVersion } from './versions';

/** Conversation on items: list and post on an item; edit and delete one comment. */
export const commentsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['comments'];
    app.get(
      '/items/:id/comments',
      { config: { auth: 'user' }, schema: { tags, params: IdParams, querystring: PageQuery, response: { 200: page(Comment) } } },
      async (req) => listComments(ctxOf(deps, req), req.params.id, req.query),
    );
    app.post(
      '/items/:id/comments',
      { config: { auth: 'user' }, schema: { tags, params: IdParams, body: CreateCommentInput, response: { 201: Comment } } },
      async (req, reply) => {
        const { comment, m, subject } = await createComment(ctxOf(deps, req), req.params.id, req.body);
        return reply.code(201).send(presentComment(comment, m, subject));
      },
    );
    app.patch(
      '/comments/:id',
      { config: { auth: 'user' }, schema: { tags, params: IdParams, body: UpdateCommentInput, response: { 200: Comment } } },
      async (req) => {
        const { comment, m, subject } = await updateComment(ctxOf(deps, req), req.params.id, { ...req.body, version: ifMatchVersion(req) ?? req.body.version });
        return presentComment(comment, m, subject);
      },
    );
    app.delete(
      '/comments/:id',
      { config: { auth: 'user' }, schema: { tags, params: IdParams, response: { 204: z.null().describe('deleted') } } },
      async (req, reply) => {
        await deleteComment(ctxOf(deps, req), req.params.id, ifMatchVersion(req));
        return reply.code(204).send(null);
      },
    );
  };
