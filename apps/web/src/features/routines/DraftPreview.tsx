import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { type DraftInput, draftPreview, type RecurrenceEngine } from './draft-preview';
import { PreviewSection, PreviewTable, weekday } from './RoutinePreview';

// The engine (rrule-temporal + a Temporal polyfill) is loaded only when an editor opens.
let engineLoad: Promise<RecurrenceEngine> | null = null;
const loadEngine = () => {
  engineLoad ??= import('@weft/domain/recurrence');
  return engineLoad;
};

function useEngine(): { engine: RecurrenceEngine | null; error: unknown } {
  const [state, setState] = useState<{ engine: RecurrenceEngine | null; error: unknown }>({ engine: null, error: null });
  useEffect(() => {
    let live = true;
    loadEngine().then(
      (engine) => live && setState({ engine, error: null }),
      (error: unknown) => live && setState({ engine: null, error }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

/**
 * The next dates of the routine as edited, before it is saved: computed in the browser by the
 * scheduler's own engine, so they are the dates the server will schedule. Typing stays smooth:
 * the table follows the deferred input.
 */
export function DraftPreview({ input, afterCompletionUnit }: { input: DraftInput; afterCompletionUnit: string }) {
  const { engine, error } = useEngine();
  const deferred = useDeferredValue(input);
  const p = useMemo(() => (engine ? draftPreview(engine, deferred) : null), [engine, deferred]);
  const zone = input.recurrence.timeZone;
  return (
    <PreviewSection label="Preview before saving" title="Next dates (not saved yet)">
      {error ? <p className="alert">The preview could not load; the dates show once the routine is saved.</p> : null}
      {!p && !error && <p className="loading">Computing the next dates…</p>}
      {p?.kind === 'invalid' && (
        <ul className="alert small" aria-label="Why there are no dates">
          {p.problems.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      )}
      {p?.kind === 'dates' && (p.rows.length === 0 ? <p className="muted">No upcoming dates.</p> : <PreviewTable rows={p.rows} zone={zone} viewerZone={input.viewerZone} />)}
      {p?.kind === 'completion' && (
        <>
          <p className="muted" data-testid="completion-note">
            After completion: there are no fixed dates. Each next one is due {afterCompletionUnit} after the previous one is completed.
          </p>
          <p>
            First one due:{' '}
            <time dateTime={p.first.at}>
              {weekday(p.first.local.date)} {p.first.local.date} {p.first.local.time}
            </time>{' '}
            ({zone}) · {weekday(p.first.viewer.date)} {p.first.viewer.date} {p.first.viewer.time} ({input.viewerZone})
          </p>
        </>
      )}
    </PreviewSection>
  );
}
