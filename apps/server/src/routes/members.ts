import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../context';

/** Placeholder: filled in by the members work. */
export const membersRoutes =
  (_deps: Deps): FastifyPluginAsyncZod =>
  async () => {};
