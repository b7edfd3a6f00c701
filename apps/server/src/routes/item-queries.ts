import { BulkInput, IdParams, Item, ItemListQuery } from '@weft/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../app';
import { bulkChangeItems } from '../commands/bulk/bulk-change-items';
import type { Deps } from '../context';
import { listItemsByQuery } from '../queries/items/list-by-query';

const ItemQueryPage = z.object({ data: z.array(Item), nextCursor: z.string().nullable(), group: z.string().nullable() });

/** Workspace-wide item reads and writes: the query-language listing and bulk changes. */
export const itemQueryRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/workspaces/:id/items',
      {
        config: { auth: 'user' },
        schema: {
          tags: ['items'],
          description: 'Items matching `q` (the query language). A malformed query answers 400 QUERY_INVALID with `position`.',
          params: IdParams,
          querystring: ItemListQuery,
          response: { 200: ItemQueryPage },
        },
      },
      async (req) => listItemsByQuery(ctxOf(deps, req), req.params.id, req.query),
    );
    app.post(
      '/workspaces/:id/items/bulk',
      {
        config: { auth: 'user' },
        schema: {
          tags: ['items'],
          description: 'One change applied to many items in one transaction: all of them change, or none.',
          params: IdParams,
          body: BulkInput,
          response: { 200: z.object({ data: z.array(Item) }) },
        },
      },
      async (req) => bulkChangeItems(ctxOf(deps, req), req.params.id, req.body),
    );
  };
