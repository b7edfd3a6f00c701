import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { StreamClient, type StreamStatus } from '@weft/client';
import type { StreamEvent } from '@weft/domain';
import { useEffect, useRef, useState } from 'react';
import { qk } from '../../lib/keys';
import { checkinKeys } from '../checkins/useCheckins';
import { intakeKeys } from '../intake/useIntake';
import { routineKeys } from '../routines/useRoutines';
import './live.css';
import { attachStream, presenceChanged } from './presence';

/**
 * Applies committed changes to the cached views: whatever shows their items or spaces is marked
 * stale and refetched if on screen (the board answer comes from the server's board cache, so a
 * refetch costs a few ms). Changes without an item (workflow, labels, members, spaces) refresh the
 * workspace's lists. Own changes come back too: the optimistic value is then confirmed.
 * Events are applied in batches (see FLUSH_MS): an import of 5,000 items is one refetch, not 5,000.
 */
function apply(qc: QueryClient, events: StreamEvent[]): void {
  const spaces = new Set<string>();
  const items = new Set<string>();
  const keys = new Set<string>();
  const workspaces = new Set<string>();
  for (const e of events) {
    if (e.spaceId) spaces.add(e.spaceId);
    if (!e.itemId) {
      workspaces.add(e.workspaceId);
      continue;
    }
    items.add(e.itemId);
    if (typeof e.record.key === 'string') keys.add(e.record.key.toUpperCase());
  }
  for (const id of spaces) void qc.invalidateQueries({ queryKey: qk.board(id) });
  if (items.size > 0 || workspaces.size > 0) void qc.invalidateQueries({ queryKey: qk.itemsAll });
  if (items.size > 0) {
    void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'item' && (items.has((q.state.data as { id?: string } | undefined)?.id ?? '') || keys.has(String(q.queryKey[1]))) });
    void qc.invalidateQueries({ predicate: (q) => (q.queryKey[0] === 'comments' || q.queryKey[0] === 'activity') && keys.has(String(q.queryKey[1])) });
  }
  for (const ws of workspaces) {
    void qc.invalidateQueries({ queryKey: qk.spaces(ws) });
    void qc.invalidateQueries({ queryKey: qk.views(ws) });
    void qc.invalidateQueries({ queryKey: qk.members(ws) });
  }
  if (workspaces.size > 0) void qc.invalidateQueries({ queryKey: ['space'] });
  // The areas keep their own keys (features/<area>/use*.ts, imported so a renamed key still
  // refreshes): triage queues and forms, routines, check-ins and their answers, the home's
  // "since you last looked" and a project's history.
  const kinds = new Set(events.map((e) => e.kind.split('.')[0]));
  const areaSpaces = [...new Set(events.flatMap((e) => (e.spaceId ? [e.spaceId] : [])))];
  if (kinds.has('request') || kinds.has('form')) {
    for (const id of areaSpaces) {
      void qc.invalidateQueries({ queryKey: intakeKeys.requestsAll(id) });
      void qc.invalidateQueries({ queryKey: intakeKeys.forms(id) });
    }
  }
  if (kinds.has('routine')) for (const id of areaSpaces) void qc.invalidateQueries({ queryKey: routineKeys.list(id) });
  if (kinds.has('checkin')) {
    for (const queryKey of checkinKeys.shownRoots()) void qc.invalidateQueries({ queryKey });
  }
  void qc.invalidateQueries({ queryKey: ['since-last-looked'] });
  if (kinds.has('space')) void qc.invalidateQueries({ queryKey: ['space-history'] });
}

/** Events arriving within this many ms are applied together. */
const FLUSH_MS = 100;

/**
 * The tab's one live stream (GET /api/v1/stream, session cookie): it reconnects with backoff and
 * resumes from the last seq (StreamClient), refetches everything on `resync`, and shows a banner
 * while the stream is down, so nobody mistakes a stale screen for a live one.
 */
export function LiveStream() {
  const qc = useQueryClient();
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const wasLive = useRef(false);
  useEffect(() => {
    let pending: StreamEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const batch = pending;
      pending = [];
      apply(qc, batch);
    };
    const stream = new StreamClient({
      baseUrl: window.location.origin,
      onEvent: (e) => {
        pending.push(e);
        timer ??= setTimeout(flush, FLUSH_MS);
      },
      onResync: () => void qc.invalidateQueries(),
      onPresence: presenceChanged,
      onStatus: (s) => {
        if (s === 'live') {
          // Back after a gap the server could replay: events arrive in order, nothing to refetch.
          wasLive.current = true;
        }
        setStatus(s);
      },
    });
    stream.connect();
    attachStream(stream);
    return () => {
      if (timer) clearTimeout(timer);
      attachStream(null);
      stream.close();
    };
  }, [qc]);
  useEffect(() => {
    // For people and tests alike: the page says whether it is live.
    document.documentElement.dataset.stream = status;
  }, [status]);
  if (status === 'live' || (status === 'connecting' && !wasLive.current)) return null;
  return (
    <div className="live-banner" role="status" aria-live="polite">
      {status === 'unauthorized' ? 'Your session ended: sign in again to see live changes.' : 'Connection lost: changes by others are not shown. Reconnecting…'}
    </div>
  );
}
