import type { Routine } from '@weft/client';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../ui/Field';
import { useRoutinePreview } from './useRoutines';

const STATE: Record<string, string> = { scheduled: '', skipped: 'skipped', postponed: 'postponed', edited: 'edited' };

type Local = { date: string; time: string };
export type PreviewRow = { at: string; title: string; state?: string; local: Local; viewer: Local };

/** The dates as a table: the item's title, the routine's local time and the viewer's. */
export function PreviewTable({ rows, zone, viewerZone }: { rows: PreviewRow[]; zone: string; viewerZone: string }) {
  return (
    <table className="preview-table">
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">Routine’s time ({zone})</th>
          <th scope="col">Your time ({viewerZone})</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((o) => (
          <tr key={o.at}>
            <td>
              {o.title} {o.state && STATE[o.state] && <span className="pill">{STATE[o.state]}</span>}
            </td>
            <td>
              <time dateTime={o.at}>
                {weekday(o.local.date)} {o.local.date} {o.local.time}
              </time>
            </td>
            <td>
              {weekday(o.viewer.date)} {o.viewer.date} {o.viewer.time}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The section both previews share (the saved one and the draft's). */
export function PreviewSection({ label, title, children }: { label: string; title: string; children: ReactNode }) {
  return (
    <section aria-label={label} className="preview">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

/** The next dates as the server computes them (DST-correct), in the routine's zone and in the viewer's profile zone. */
export function RoutinePreview({ routine }: { routine: Routine }) {
  const preview = useRoutinePreview(routine.id);
  if (preview.error) return <ErrorAlert error={preview.error} />;
  if (!preview.data) return <p className="loading">Loading the next dates…</p>;
  const p = preview.data;
  const first = p.occurrences[0];
  return (
    <PreviewSection label="Next dates" title="Next dates">
      {p.paused && <p className="muted">Paused: nothing is created until it is resumed.</p>}
      {p.waitingForCompletion && <p className="muted">The next date is set when the current item is completed.</p>}
      {p.occurrences.length === 0 || !first ? (
        <p className="muted">No upcoming dates.</p>
      ) : (
        <PreviewTable rows={p.occurrences.map((o) => ({ ...o, at: o.dueAt }))} zone={first.local.timeZone} viewerZone={first.viewer.timeZone} />
      )}
    </PreviewSection>
  );
}

/** "Tue" for a plain date 'YYYY-MM-DD' (read as a calendar date, so no zone shifts it). */
export function weekday(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en', { weekday: 'short', timeZone: 'UTC' });
}
