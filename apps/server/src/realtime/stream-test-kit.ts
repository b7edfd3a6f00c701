import type { Dialect } from '@weft/db';
import type { ServerMessage, StreamEvent } from '@weft/domain';
import WebSocket from 'ws';
import type { StreamConfig } from '../config';
import { type TestApp, testApp } from '../test/harness';

/** Stream settings for tests: fast heartbeats and access checks, so nothing waits long. */
export const FAST_STREAM: StreamConfig = { heartbeatMs: 100, maxCatchUp: 10_000, pollMs: 200, accessCheckMs: 50, redisPrefix: 'weft-test' };

/** A real app listening on a loopback port. */
export async function listeningApp(dialect: Dialect, stream: Partial<StreamConfig> = {}): Promise<TestApp & { url: string; ws: string }> {
  const t = await testApp(dialect, { stream: { ...FAST_STREAM, ...stream } });
  const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { ...t, url, ws: url.replace(/^http/, 'ws') };
}

/** A real `ws` client that records every message and lets a test wait for one. */
export type TestSocket = {
  ws: WebSocket;
  messages: ServerMessage[];
  events(): StreamEvent[];
  waitFor<T extends ServerMessage>(pred: (m: ServerMessage) => m is T, what?: string): Promise<T>;
  waitFor(pred: (m: ServerMessage) => boolean, what?: string): Promise<ServerMessage>;
  send(msg: unknown): void;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
};

/** Opens a stream as a user (cookie headers) or with a token; rejects with the HTTP status on refusal. */
export function openStream(base: string, opts: { headers?: Record<string, string>; query?: string; timeoutMs?: number } = {}): Promise<TestSocket> {
  const ws = new WebSocket(`${base}/api/v1/stream${opts.query ? `?${opts.query}` : ''}`, { headers: opts.headers });
  const messages: ServerMessage[] = [];
  const waiters: { pred: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  ws.on('message', (raw) => {
    const m = JSON.parse(raw.toString()) as ServerMessage;
    messages.push(m);
    for (const w of [...waiters]) {
      if (w.pred(m)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const socket: TestSocket = {
    ws,
    messages,
    events: () => messages.filter((m): m is StreamEvent => m.type === 'event'),
    waitFor(pred: (m: ServerMessage) => boolean, what = 'a message') {
      const seen = messages.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise<ServerMessage>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(messages.slice(-5))}`)), timeoutMs);
        waiters.push({
          pred,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
    send: (msg) => ws.send(JSON.stringify(msg)),
    closed,
    close: () => ws.close(),
  } as TestSocket;
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(socket));
    ws.once('unexpected-response', (req, res) => {
      req.destroy();
      reject(new Error(`refused: ${res.statusCode}`));
    });
    ws.once('error', reject);
  });
}

/** Waits until the socket has received `n` events (or the timeout). */
export async function eventCount(s: TestSocket, n: number): Promise<StreamEvent[]> {
  await s.waitFor(() => s.events().length >= n, `${n} events`);
  return s.events();
}
