import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../context';

/** Placeholder: filled in by the spaces work. */
export const spacesRoutes =
  (_deps: Deps): FastifyPluginAsyncZod =>
  async () => {};
