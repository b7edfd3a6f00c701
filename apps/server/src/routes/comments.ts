import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../context';

/** Placeholder: filled in by the comments work. */
export const commentsRoutes =
  (_deps: Deps): FastifyPluginAsyncZod =>
  async () => {};
