import { useNavigate } from '@tanstack/react-router';
import { type RefObject, useEffect, useLayoutEffect, useRef } from 'react';
import { plainKey } from '../keyboard/useGlobalShortcuts';
import { keepScroll, stepZoom, type Zoom, type ZoomId, zoomParam } from './timeline-zoom';

/**
 * The timeline's zoom: written to the URL (`replace`, so zooming does not fill the history), the
 * day at the left edge kept in place across a change, and `+` / `-` on the keyboard.
 */
export function useZoom(zoom: Zoom, scrollRef: RefObject<HTMLDivElement | null>): (id: ZoomId) => void {
  const navigate = useNavigate({ from: '/w/$workspaceId/s/$spaceId' });
  const setZoom = (id: ZoomId) => navigate({ search: (p) => ({ ...p, zoom: zoomParam(id) }), replace: true });
  const prev = useRef(zoom.dayW);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && prev.current !== zoom.dayW) el.scrollLeft = keepScroll(el.scrollLeft, prev.current, zoom.dayW);
    prev.current = zoom.dayW;
  }, [zoom.dayW, scrollRef]);
  const current = useRef(zoom.id);
  current.current = zoom.id;
  const latest = useRef(setZoom);
  latest.current = setZoom;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!plainKey(e)) return;
      const dir = e.key === '+' || e.key === '=' ? 1 : e.key === '-' || e.key === '_' ? -1 : 0;
      if (!dir) return;
      e.preventDefault();
      const next = stepZoom(current.current, dir);
      if (next !== current.current) latest.current(next);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return setZoom;
}
