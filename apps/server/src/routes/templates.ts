import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../context';

/** Routes of issue 4: item and space templates. */
export const templatesRoutes =
  (_deps: Deps): FastifyPluginAsyncZod =>
  async () => {};
