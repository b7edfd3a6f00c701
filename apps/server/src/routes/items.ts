import { CreateItemInput, CreateItemsInput, Id, IdParams, Item, ItemLink, LinkInput, MoveItemInput, page, UpdateItemInput } from '@weft/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../app';
import { createItem, createParsedItems } from '../commands/items/create-item';
import { linkItems, unlinkItems } from '../commands/items/link-items';
import { moveItem } from '../commands/items/move-item';
import { deleteItem, restoreItem } from '../commands/items/trash-item';
import { updateItem } from '../commands/items/update-item';
import type { Deps } from '../context';
import { presentItems, presentOneItem } from '../presenters/item';
import { listSpaceItems, SpaceItemsQuery } from '../queries/items/list-space-items';
import { BOARD_LIMIT, Board, boardJson } from '../queries/items/board';
import { cachedItemJson, readItemJson } from '../queries/items/read-item';
import { ifMatchVersion } from './versions';

const tags = ['items'];
/** A response serializer that trusts the handler's typed value (see GET /items/:id). */
const plainJson = () => (data: unknown) => JSON.stringify(data);
const LinkParams = z.strictObject({ id: Id, linkId: Id });
const BatchQuery = z.strictObject({ return: z.enum(['full', 'minimal']).default('full') });
/** What `?return=minimal` answers per created item. */
const CreatedItemRef = z.object({ id: Id, key: z.string(), number: z.number().int(), version: z.number().int() });

/** Items: create and list in a space; read, update, trash, restore, move and link by id or key (`OPS-42`). */
export const itemsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const db = deps.store.db;
    app.post('/spaces/:id/items', { config: { auth: 'user' }, schema: { tags, params: IdParams, body: CreateItemInput, response: { 201: Item } } }, async (req, reply) => {
      const { item, m } = await createItem(ctxOf(deps, req), req.params.id, req.body);
      return reply.code(201).send(await presentOneItem(db, m, item));
    });
    app.post(
      '/spaces/:id/items/batch',
      {
        config: { auth: 'user' },
        bodyLimit: 8 * 1024 * 1024,
        schema: {
          tags,
          description:
            'Creates up to 1,000 items in one transaction (all or none), one `item.created` event each. `?return=minimal` answers only each new item\'s id, key, number and version, in input order (imports, programs); the default answers the full items.',
          params: IdParams,
          querystring: BatchQuery,
          body: CreateItemsInput,
          response: { 201: z.union([z.object({ data: z.array(Item) }), z.object({ data: z.array(CreatedItemRef) })]) },
        },
        // The handler builds either typed shape itself; re-checking 1,000 items with zod cost ~15 ms.
        serializerCompiler: plainJson,
      },
      async (req, reply) => {
        const { items, m } = await createParsedItems(ctxOf(deps, req), req.params.id, req.body.items);
        if (req.query.return === 'minimal') return reply.code(201).send({ data: items.map((it) => ({ id: it.id, key: it.key, number: Number(it.number), version: Number(it.version) })) });
        return reply.code(201).send({ data: await presentItems(db, m, items) });
      },
    );
    app.get('/spaces/:id/items', { config: { auth: 'user' }, schema: { tags, params: IdParams, querystring: SpaceItemsQuery, response: { 200: page(Item) } } }, async (req) =>
      listSpaceItems(ctxOf(deps, req), req.params.id, req.query),
    );
    app.get(
      '/spaces/:id/board',
      {
        config: { auth: 'user' },
        schema: {
          tags,
          description: `The whole board of a space in one request: its statuses and up to ${BOARD_LIMIT.toLocaleString('en-US')} live items as compact cards, in board order.`,
          params: IdParams,
          response: { 200: Board },
        },
      },
      // Serialized by the board cache (card texts kept between reads, brought up to date from the
      // event log): running the zod response check over 5,000 cards cost as much as loading them.
      async (req, reply) => reply.type('application/json; charset=utf-8').send((await boardJson(ctxOf(deps, req), req.params.id)) as unknown as Board),
    );
    // The hot read: the presenter builds exactly the Item shape (typed), so the answer is
    // JSON.stringify'd as is instead of being re-checked by zod on every request (~6% of a read),
    // and kept as text while the database is unchanged (readItemJson; `Cache-Control: no-cache`
    // reads the tables anyway); the schema still documents it, and routes/items.test.ts checks
    // answers against it.
    // A cached answer is sent synchronously (no promise); otherwise the handler waits for the read.
    app.get('/items/:id', { config: { auth: 'user' }, schema: { tags, params: IdParams, response: { 200: Item } } }, (req, reply) => {
      const { actor } = ctxOf(deps, req);
      const fresh = /no-cache|no-store|max-age=0/.test(req.headers['cache-control'] ?? '');
      const hit = fresh ? undefined : cachedItemJson(db, actor, req.params.id);
      reply.type('application/json; charset=utf-8');
      if (hit !== undefined) {
        reply.send(hit as unknown as Item);
        return;
      }
      return readItemJson(db, actor, req.params.id).then((json) => {
        reply.send(json as unknown as Item);
      });
    });
    app.patch('/items/:id', { config: { auth: 'user' }, schema: { tags, params: IdParams, body: UpdateItemInput, response: { 200: Item } } }, async (req) => {
      const { item, m } = await updateItem(ctxOf(deps, req), req.params.id, { ...req.body, version: ifMatchVersion(req) ?? req.body.version });
      return presentOneItem(db, m, item);
    });
    app.delete('/items/:id', { config: { auth: 'user' }, schema: { tags, params: IdParams, response: { 200: Item } } }, async (req) => {
      const { item, m } = await deleteItem(ctxOf(deps, req), req.params.id, ifMatchVersion(req));
      return presentOneItem(db, m, item);
    });
    app.post('/items/:id/restore', { config: { auth: 'user' }, schema: { tags, params: IdParams, response: { 200: Item } } }, async (req) => {
      const { item, m } = await restoreItem(ctxOf(deps, req), req.params.id, ifMatchVersion(req));
      return presentOneItem(db, m, item);
    });
    app.post('/items/:id/move', { config: { auth: 'user' }, schema: { tags, params: IdParams, body: MoveItemInput, response: { 200: Item } } }, async (req) => {
      const { item, m } = await moveItem(ctxOf(deps, req), req.params.id, { ...req.body, version: ifMatchVersion(req) ?? req.body.version });
      return presentOneItem(db, m, item);
    });
    app.post('/items/:id/links', { config: { auth: 'user' }, schema: { tags, params: IdParams, body: LinkInput, response: { 201: ItemLink } } }, async (req, reply) =>
      reply.code(201).send(await linkItems(ctxOf(deps, req), req.params.id, req.body)),
    );
    app.delete('/items/:id/links/:linkId', { config: { auth: 'user' }, schema: { tags, params: LinkParams } }, async (req, reply) => {
      await unlinkItems(ctxOf(deps, req), req.params.id, req.params.linkId);
      return reply.code(204).send();
    });
  };
