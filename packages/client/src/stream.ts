import type { PresenceTopic, PresenceUser, ServerMessage, StreamEvent } from '@weft/domain';

/** The stream protocol this client speaks (the domain's STREAM_PROTOCOL; a type-only import keeps zod out of browser bundles). */
export const CLIENT_STREAM_PROTOCOL = 1;

/** The part of the WebSocket API the client uses: the browser's global and `ws` in Node both fit. */
export type WebSocketLike = {
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
};
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** connecting: opening or catching up; live: caught up, events arrive as they commit; down: waiting to reconnect; unauthorized: signed out or token revoked (no reconnect). */
export type StreamStatus = 'connecting' | 'live' | 'down' | 'unauthorized';

export type StreamClientOptions = {
  /** The server, e.g. `https://weft.example.com` (or a function, to fail over between addresses). */
  baseUrl: string | (() => string);
  /** An API token (sent as the `token` query parameter); browsers omit it and send their session cookie. */
  token?: string;
  /** Node has no global WebSocket: pass `ws`'s. Browsers use the global one. */
  WebSocket?: WebSocketConstructor;
  /** Resume after this seq (e.g. persisted from an earlier run); omitted, the stream starts now. */
  since?: number;
  /** Only this workspace's events. */
  workspaceId?: string;
  onEvent(e: StreamEvent): void;
  /** The server could not replay the gap: refetch what is shown; events continue after `seq`. */
  onResync?(seq: number, reason: string): void;
  onPresence?(topic: PresenceTopic, users: PresenceUser[]): void;
  onStatus?(status: StreamStatus): void;
  onError?(code: string, message: string): void;
  /** Reconnect delays: doubling from `initialMs` up to `maxMs`, with jitter. */
  backoff?: { initialMs: number; maxMs: number };
  random?: () => number;
};

const OPEN = 1;
const UNAUTHORIZED = 4401;

/**
 * One live stream that stays connected: it reconnects with backoff, resumes with `since` (so no
 * event is missed or seen twice), re-enters presence topics after a reconnect, and notices a dead
 * server (no message for two heartbeats) instead of waiting for TCP to give up.
 */
export class StreamClient {
  /** The last seq accounted for: pass it as `since` to a later client to resume. */
  seq: number | null;
  status: StreamStatus = 'down';
  private ws: WebSocketLike | null = null;
  private attempt = 0;
  private stopped = true;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private heard = 0;
  private readonly topics = new Map<string, PresenceTopic>();
  private readonly editing = new Set<string>();

  constructor(private readonly opts: StreamClientOptions) {
    this.seq = opts.since ?? null;
  }

  /** Opens the stream (idempotent). */
  connect(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
  }

  /** Closes for good (no reconnect). */
  close(): void {
    this.stopped = true;
    this.clearTimers();
    this.ws?.close(1000, 'client closed');
    this.ws = null;
    this.setStatus('down');
  }

  enter(topic: PresenceTopic): void {
    this.topics.set(`${topic.kind}:${topic.id}`, topic);
    this.send({ type: 'presence.enter', topic });
  }

  leave(topic: PresenceTopic): void {
    this.topics.delete(`${topic.kind}:${topic.id}`);
    if (topic.kind === 'item') this.editing.delete(topic.id);
    this.send({ type: 'presence.leave', topic });
  }

  setEditing(itemId: string, editing: boolean): void {
    if (editing) this.editing.add(itemId);
    else this.editing.delete(itemId);
    this.send({ type: 'presence.editing', itemId, editing });
  }

  private url(): string {
    const base = typeof this.opts.baseUrl === 'function' ? this.opts.baseUrl() : this.opts.baseUrl;
    const root = base.replace(/\/+$/, '').replace(/\/api\/v1$/, '').replace(/^http/, 'ws');
    const q = new URLSearchParams();
    if (this.seq !== null) q.set('since', String(this.seq));
    if (this.opts.workspaceId) q.set('workspaceId', this.opts.workspaceId);
    if (this.opts.token) q.set('token', this.opts.token);
    const qs = q.toString();
    return `${root}/api/v1/stream${qs ? `?${qs}` : ''}`;
  }

  private open(): void {
    this.setStatus('connecting');
    const Ctor = this.opts.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!Ctor) throw new Error('no WebSocket: pass one (e.g. from the `ws` package) as options.WebSocket');
    let ws: WebSocketLike;
    try {
      ws = new Ctor(this.url());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      this.heard = Date.now();
      try {
        this.handle(JSON.parse(String(ev.data)) as ServerMessage);
      } catch {
        // a message we cannot parse is ignored; the protocol check happens on welcome
      }
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.clearTimers();
      if (ev.code === UNAUTHORIZED) {
        this.stopped = true;
        return this.setStatus('unauthorized');
      }
      if (!this.stopped) this.scheduleReconnect();
    };
    ws.onerror = () => {
      // onclose follows and decides
    };
  }

  private handle(msg: ServerMessage): void {
    switch (msg.type) {
      case 'welcome':
        if (msg.protocol !== CLIENT_STREAM_PROTOCOL) this.opts.onError?.('PROTOCOL_MISMATCH', `server speaks protocol ${msg.protocol}, this client ${CLIENT_STREAM_PROTOCOL}`);
        this.startWatchdog(msg.heartbeatMs);
        for (const topic of this.topics.values()) this.send({ type: 'presence.enter', topic });
        for (const itemId of this.editing) this.send({ type: 'presence.editing', itemId, editing: true });
        return;
      case 'event':
        if (this.seq !== null && msg.seq <= this.seq) return;
        this.seq = msg.seq;
        this.opts.onEvent(msg);
        return;
      case 'synced':
        this.seq = Math.max(this.seq ?? 0, msg.seq);
        this.attempt = 0;
        this.setStatus('live');
        return;
      case 'resync':
        this.seq = msg.seq;
        this.opts.onResync?.(msg.seq, msg.reason);
        return;
      case 'presence':
        this.opts.onPresence?.(msg.topic, msg.users);
        return;
      case 'error':
        this.opts.onError?.(msg.code, msg.message);
        return;
      default:
        return;
    }
  }

  /** The server pings at protocol level (invisible to browsers), so ask for a pong we can see. */
  private startWatchdog(heartbeatMs: number): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.heard = Date.now();
    this.watchdog = setInterval(() => {
      if (Date.now() - this.heard > heartbeatMs * 2) {
        // Silent for two heartbeats: the connection is dead even if TCP has not noticed.
        const dead = this.ws;
        this.ws = null;
        this.clearTimers();
        dead?.close(4000, 'no heartbeat');
        if (!this.stopped) this.scheduleReconnect();
        return;
      }
      this.send({ type: 'ping', t: Date.now() });
    }, heartbeatMs);
  }

  private scheduleReconnect(): void {
    this.setStatus('down');
    const { initialMs, maxMs } = this.opts.backoff ?? { initialMs: 500, maxMs: 30_000 };
    const delay = Math.min(maxMs, initialMs * 2 ** this.attempt) * (0.5 + (this.opts.random ?? Math.random)() / 2);
    this.attempt += 1;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.stopped) this.open();
    }, delay);
  }

  private send(msg: unknown): void {
    if (this.ws && this.ws.readyState === OPEN) this.ws.send(JSON.stringify(msg));
  }

  private clearTimers(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    if (this.retry) clearTimeout(this.retry);
    this.watchdog = null;
    this.retry = null;
  }

  private setStatus(s: StreamStatus): void {
    if (this.status === s) return;
    this.status = s;
    this.opts.onStatus?.(s);
  }
}
