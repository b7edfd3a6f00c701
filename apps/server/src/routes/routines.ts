import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../context';

/** Routes of issue 4: routines (recurring work). */
export const routinesRoutes =
  (_deps: Deps): FastifyPluginAsyncZod =>
  async () => {};
