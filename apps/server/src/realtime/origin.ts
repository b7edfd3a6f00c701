import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WeftError } from '@weft/domain';

export const STREAM_PATH = '/api/v1/stream';

/**
 * Browsers cannot put headers on a WebSocket, and programs sometimes cannot either: a `token`
 * query parameter of the stream's upgrade request becomes its `Authorization: Bearer` header, so
 * the one auth hook (app.ts) decides as for every route. It runs before Fastify sees the request
 * (prepended to the server's upgrade listeners) and takes the token out of the URL, so it is not
 * kept in logs. No other path and no plain HTTP request gets this treatment.
 */
export function acceptTokenParam(server: Server): void {
  server.prependListener('upgrade', (req: IncomingMessage) => {
    const url = req.url ?? '';
    if (!url.startsWith(STREAM_PATH)) return;
    if (!url.startsWith(`${STREAM_PATH}?`)) return;
    const parsed = new URL(url, 'http://x');
    const token = parsed.searchParams.get('token');
    if (token === null) return;
    parsed.searchParams.delete('token');
    req.url = parsed.pathname + parsed.search;
    if (!req.headers.authorization) req.headers.authorization = `Bearer ${token}`;
  });
}

/**
 * Cross-site WebSocket hijacking: a page elsewhere can open a socket to us and the browser sends
 * our cookie with it. Browsers always send Origin on a WebSocket; it must be our own host (or the
 * configured public URL). Programs send none, and authenticate with a token anyway.
 */
export function checkStreamOrigin(headers: Record<string, string | string[] | undefined>, publicUrl: string | null): void {
  const origin = headers.origin;
  if (typeof origin !== 'string') return;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new WeftError('CSRF_REJECTED', 'bad Origin header');
  }
  const host = headers['x-forwarded-host'] ?? headers.host;
  const allowed = new Set([String(host)]);
  if (publicUrl) allowed.add(new URL(publicUrl).host);
  if (!allowed.has(originHost)) throw new WeftError('CSRF_REJECTED', 'cross-origin stream refused');
}

/**
 * An upgrade refused by a hook (401, 403…) gets its problem document, but nothing closes the
 * socket afterwards: @fastify/websocket only cleans up requests its own hook marked, and the auth
 * hook refuses before that. A client that keeps such a socket open would hold the server's close
 * forever, so a refused stream socket is destroyed shortly after its answer.
 */
export function dropRefusedUpgrades(server: Server, upgraded: WeakSet<IncomingMessage>, graceMs = 2_000): void {
  server.prependListener('upgrade', (req: IncomingMessage, socket: Duplex) => {
    if (!(req.url ?? '').startsWith(STREAM_PATH)) return;
    setTimeout(() => {
      if (!upgraded.has(req)) socket.destroy();
    }, graceMs).unref();
  });
}
