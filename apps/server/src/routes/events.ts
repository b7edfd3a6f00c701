import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../context';

/** Placeholder: filled in by the events work. */
export const eventsRoutes =
  (_deps: Deps): FastifyPluginAsyncZod =>
  async () => {};
