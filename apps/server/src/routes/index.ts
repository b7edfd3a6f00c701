import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../context';
import { authRoutes } from './auth';
import { checkinsRoutes } from './checkins';
import { commentsRoutes } from './comments';
import { configRoutes } from './config';
import { eventsRoutes } from './events';
import { intakeRoutes } from './intake';
import { itemQueryRoutes } from './item-queries';
import { itemsRoutes } from './items';
import { membersRoutes } from './members';
import { routinesRoutes } from './routines';
import { spacesRoutes } from './spaces';
import { templatesRoutes } from './templates';
import { workspaceRoutes } from './workspaces';
import { streamRoutes } from '../realtime/route';

/** Every API route family, mounted under /api/v1. */
export const apiRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(authRoutes(deps));
    await app.register(workspaceRoutes(deps));
    await app.register(membersRoutes(deps));
    await app.register(spacesRoutes(deps));
    await app.register(itemsRoutes(deps));
    await app.register(itemQueryRoutes(deps));
    await app.register(commentsRoutes(deps));
    await app.register(configRoutes(deps));
    await app.register(eventsRoutes(deps));
    await app.register(routinesRoutes(deps));
    await app.register(intakeRoutes(deps));
    await app.register(checkinsRoutes(deps));
    await app.register(templatesRoutes(deps));
    await app.register(streamRoutes(deps));
  };
