import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../context';

/** Routes of issue 4: check-ins. */
export const checkinsRoutes =
  (_deps: Deps): FastifyPluginAsyncZod =>
  async () => {};
