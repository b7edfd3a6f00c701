import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { StreamClient, type StreamStatus } from '@weft/client';
import type { StreamEvent } from '@weft/domain';
import { useEffect, useRef, useState } from 'react';
import { qk } from '../../lib/keys';
import './live.css';

/**
 * Applies one committed change to the cached views: whatever shows the item or its space is marked
 * stale and refetched if on screen (the board answer is served from the server's board cache, so a
 * refetch costs a few ms). Changes without an item (workflow, labels, members, spaces) refresh the
 * workspace's lists. Own changes come back too: the optimistic value is then confirmed.
 */
function apply(qc: QueryClient, e: StreamEvent): void {
  if (e.spaceId) void qc.invalidateQueries({ queryKey: qk.board(e.spaceId) });
  void qc.invalidateQueries({ queryKey: qk.itemsAll });
  if (e.itemId) {
    const key = typeof e.record.key === 'string' ? e.record.key : null;
    void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'item' && ((q.state.data as { id?: string } | undefined)?.id === e.itemId || (key !== null && q.queryKey[1] === key.toUpperCase())) });
    if (key) {
      void qc.invalidateQueries({ queryKey: qk.comments(key) });
      void qc.invalidateQueries({ queryKey: qk.activity(key) });
    }
    return;
  }
  void qc.invalidateQueries({ queryKey: qk.spaces(e.workspaceId) });
  void qc.invalidateQueries({ queryKey: ['space'] });
  void qc.invalidateQueries({ queryKey: qk.views(e.workspaceId) });
  void qc.invalidateQueries({ queryKey: qk.members(e.workspaceId) });
}

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
    const stream = new StreamClient({
      baseUrl: window.location.origin,
      onEvent: (e) => apply(qc, e),
      onResync: () => void qc.invalidateQueries(),
      onStatus: (s) => {
        if (s === 'live') {
          // Back after a gap the server could replay: events arrive in order, nothing to refetch.
          wasLive.current = true;
        }
        setStatus(s);
      },
    });
    stream.connect();
    return () => stream.close();
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
