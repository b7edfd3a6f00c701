import { randomUUID } from 'node:crypto';
import { type ServerMessage, type StreamEvent, streamPayload } from '@weft/domain';
import type { WebSocket } from 'ws';
import { tagEpoch } from '../auth/access-cache';
import type { Actor, Deps } from '../context';
import type { CommittedEvent } from '../events/bus';
import type { Credential } from '../auth/resolve-actor';
import { mayReadEvent } from './access';
import type { PresenceMember } from './presence';

/** Close codes the stream uses (docs/realtime.md). */
export const CLOSE = { goingAway: 1001, tooSlow: 1013, unauthorized: 4401 } as const;

/** A socket with more than this unsent is too slow to keep: it is closed and resumes with `since`. */
const MAX_BUFFERED = 8 * 1024 * 1024;
/** Live events held for a socket (while it catches up, or behind a slow access check). */
const MAX_QUEUE = 50_000;

const wires = new WeakMap<CommittedEvent, string>();

/** An event as the stream sends it, serialised once per process however many sockets receive it. */
export function wireOf(e: CommittedEvent): string {
  let w = wires.get(e);
  if (w === undefined) {
    const { version, record } = streamPayload(e.data);
    const msg: StreamEvent = { type: 'event', seq: e.seq, kind: e.type, workspaceId: e.workspaceId, spaceId: e.spaceId, itemId: e.itemId, actorId: e.actorId, at: e.at, version, record };
    w = JSON.stringify(msg);
    wires.set(e, w);
  }
  return w;
}

export type ConnectionInit = { actor: Actor; credential: Credential; name: string; workspaceId: string | null; cursor: number; epoch: () => number };

/**
 * One open stream. `cursor` is the last seq accounted for (sent, or skipped as unreadable): an
 * event at or below it is never sent again, so the catch-up/live boundary can neither duplicate
 * nor skip. Live events wait in the queue until catch-up is done (`goLive`), then are pumped in
 * order, each through the read policy.
 */
export class StreamConnection implements PresenceMember {
  readonly id = randomUUID();
  readonly userId: string;
  readonly name: string;
  readonly actor: Actor;
  readonly credential: Credential;
  readonly workspaceId: string | null;
  cursor: number;
  alive = true;
  closed = false;
  private live = false;
  private queue: CommittedEvent[] = [];
  private head = 0;
  private pumping = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly deps: Deps,
    private readonly init: ConnectionInit,
  ) {
    this.actor = init.actor;
    this.userId = init.actor.userId;
    this.name = init.name;
    this.credential = init.credential;
    this.workspaceId = init.workspaceId;
    this.cursor = init.cursor;
  }

  send(wire: string): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED) {
      this.close(CLOSE.tooSlow, 'too slow: reconnect with since');
      return;
    }
    this.ws.send(wire);
  }

  message(msg: ServerMessage): void {
    this.send(JSON.stringify(msg));
  }

  /** Sends the event if this connection may read it, and moves the cursor past it either way. */
  async deliver(e: CommittedEvent): Promise<void> {
    if (e.seq <= this.cursor || this.closed) return;
    if (await this.mayRead(e)) this.send(wireOf(e));
    this.cursor = Math.max(this.cursor, e.seq);
  }

  private async mayRead(e: CommittedEvent): Promise<boolean> {
    if (this.workspaceId !== null && e.workspaceId !== this.workspaceId) return false;
    // Judge the cache by the epoch the hub read after these events committed (see hub.ts).
    tagEpoch(this.actor, this.init.epoch());
    return mayReadEvent(this.deps, this.actor, e);
  }

  /** Live events from the feed, in seq order. */
  offer(events: CommittedEvent[]): void {
    if (this.closed) return;
    for (const e of events) if (e.seq > this.cursor) this.queue.push(e);
    if (this.queue.length - this.head > MAX_QUEUE) {
      this.close(CLOSE.tooSlow, 'too far behind: reconnect with since');
      return;
    }
    if (this.live) void this.pump();
  }

  goLive(): void {
    this.live = true;
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.head < this.queue.length && !this.closed) {
        const e = this.queue[this.head++];
        await this.deliver(e);
      }
      this.queue = [];
      this.head = 0;
    } catch (err) {
      this.deps.log.warn({ err }, 'stream: delivering an event failed; closing the socket so the client resumes');
      this.close(CLOSE.tooSlow, 'server error: reconnect with since');
    } finally {
      this.pumping = false;
    }
  }

  /** A heartbeat tick: drop a socket that did not answer the previous ping. */
  heartbeat(): void {
    if (this.closed) return;
    if (!this.alive) {
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.close(code, reason);
  }
}
