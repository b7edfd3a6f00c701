import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../context';

/** Routes of issue 4: intake forms, requests, SLA policies and working calendars. */
export const intakeRoutes =
  (_deps: Deps): FastifyPluginAsyncZod =>
  async () => {};
