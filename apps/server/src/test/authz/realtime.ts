import { api, type AuthzCase, self } from './types';

/**
 * The live stream belongs to the caller, whatever workspaces they are in (each event is then
 * filtered by the read policies: realtime/*.test.ts). Through inject() no upgrade happens, so a
 * signed-in caller gets 400 "connect with an Upgrade request"; a signed-out one 401 as everywhere.
 */
export const realtimeCases: AuthzCase[] = [{ route: 'GET /api/v1/stream', expect: self(400, false), req: async () => ['GET', `${api}/stream`] }];
