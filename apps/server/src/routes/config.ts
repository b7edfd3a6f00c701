import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../context';

/** Placeholder: filled in by the config work. */
export const configRoutes =
  (_deps: Deps): FastifyPluginAsyncZod =>
  async () => {};
