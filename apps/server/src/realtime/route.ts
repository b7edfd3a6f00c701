import type { IncomingMessage } from 'node:http';
import websocket from '@fastify/websocket';
import { ClientMessage, STREAM_PROTOCOL, StreamQuery, WeftError } from '@weft/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { WebSocket } from 'ws';
import type { z } from 'zod';
import type { Actor, Deps } from '../context';
import { type Credential, credentialOf } from '../auth/resolve-actor';
import { mayEnter } from './access';
import { StreamConnection } from './connection';
import { type Hub, startHub } from './hub';
import { acceptTokenParam, checkStreamOrigin, dropRefusedUpgrades } from './origin';
import { isClusterBus } from './redis-bus';
import { resume } from './resume';

/** Largest client message (presence and pings are tiny). */
const MAX_MESSAGE = 16 * 1024;

/** `GET /api/v1/stream`: the live event stream (docs/realtime.md). */
export const streamRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const upgraded = new WeakSet<IncomingMessage>();
    dropRefusedUpgrades(app.server, upgraded);
    acceptTokenParam(app.server);
    await app.register(websocket, { options: { maxPayload: MAX_MESSAGE } });
    app.websocketServer.on('connection', (_ws: WebSocket, req: IncomingMessage) => upgraded.add(req));
    const hub = await startHub(deps);
    app.addHook('onClose', async () => {
      hub.stop();
      // The cluster bus belongs to the process; the app's close is the process's shutdown.
      if (isClusterBus(deps.bus)) await deps.bus.close();
    });
    app.route({
      method: 'GET',
      url: '/stream',
      config: { auth: 'user' },
      schema: { tags: ['events'], description: 'The live event stream: a WebSocket (see docs/realtime.md). Resume with `since`.', querystring: StreamQuery },
      preHandler: async (req) => checkStreamOrigin(req.headers, deps.config.publicUrl),
      handler: async () => {
        throw new WeftError('BAD_REQUEST', 'this is a WebSocket endpoint: connect with an Upgrade request');
      },
      wsHandler: (socket, req) => open(deps, hub, socket, req.actor, credentialOf(req), req.query),
    });
  };

async function open(deps: Deps, hub: Hub, ws: WebSocket, actor: Actor | null, credential: Credential | null, query: z.infer<typeof StreamQuery>) {
  if (!actor || !credential) return ws.close(4401, 'sign in first');
  // Listen before the first await: a client may speak as soon as the socket opens. Messages are
  // handled one at a time, in order (an enter must not overtake the leave sent after it).
  let ready: (conn: StreamConnection) => void = () => {};
  let chain: Promise<StreamConnection | null> = new Promise((r) => {
    ready = r;
  });
  let gone = false;
  ws.on('message', (raw) => {
    chain = chain.then(async (c) => {
      if (c) await onMessage(deps, hub, c, raw.toString()).catch((err) => deps.log.warn({ err }, 'stream: a client message failed'));
      return c;
    });
  });
  ws.on('close', () => {
    gone = true;
    void chain.then((c) => {
      if (!c) return;
      c.closed = true;
      hub.remove(c);
    });
  });
  const user = await deps.store.db.selectFrom('users').select('name').where('id', '=', actor.userId).executeTakeFirst();
  const conn = new StreamConnection(ws, deps, {
    actor,
    credential,
    name: user?.name ?? '',
    workspaceId: query.workspaceId ?? null,
    cursor: query.since ?? hub.feed.last(),
    epoch: hub.epoch,
  });
  if (gone) return;
  hub.add(conn);
  ready(conn);
  ws.on('pong', () => {
    conn.alive = true;
  });
  conn.message({ type: 'welcome', protocol: STREAM_PROTOCOL, seq: hub.feed.last(), connectionId: conn.id, userId: actor.userId, heartbeatMs: deps.config.stream.heartbeatMs });
  try {
    if (query.since !== undefined) {
      await hub.checkAccess();
      await resume(deps, hub, conn, query.since);
    }
    conn.message({ type: 'synced', seq: conn.cursor });
    conn.goLive();
  } catch (err) {
    deps.log.warn({ err }, 'stream: resume failed');
    conn.close(1011, 'resume failed: reconnect');
  }
}

async function onMessage(deps: Deps, hub: Hub, conn: StreamConnection, raw: string): Promise<void> {
  conn.alive = true;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return conn.message({ type: 'error', code: 'BAD_MESSAGE', message: 'not JSON' });
  }
  const parsed = ClientMessage.safeParse(json);
  if (!parsed.success) return conn.message({ type: 'error', code: 'BAD_MESSAGE', message: parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ') });
  const msg = parsed.data;
  if (msg.type === 'ping') return conn.message({ type: 'pong', t: msg.t });
  if (msg.type === 'presence.leave') {
    for (const t of hub.presence.topicsOf(conn.id)) if (t.kind === msg.topic.kind && t.id === msg.topic.id) hub.presence.leave(conn, t);
    return;
  }
  const wanted = msg.type === 'presence.enter' ? msg.topic : ({ kind: 'item', id: msg.itemId } as const);
  const topic = await mayEnter(deps, conn.actor, wanted);
  if (conn.closed) return;
  if (!topic) return conn.message({ type: 'error', code: wanted.kind === 'space' ? 'SPACE_NOT_FOUND' : 'ITEM_NOT_FOUND', message: `${wanted.kind} not found` });
  if (msg.type === 'presence.enter') hub.presence.enter(conn, topic);
  else hub.presence.setEditing(conn, topic.id, msg.editing);
}
