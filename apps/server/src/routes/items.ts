import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../context';

/** Placeholder: filled in by the items work. */
export const itemsRoutes =
  (_deps: Deps): FastifyPluginAsyncZod =>
  async () => {};
