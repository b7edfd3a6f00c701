import type { Routine } from '@weft/client';
import { ErrorAlert } from '../../ui/Field';
import { useRoutinePreview } from './useRoutines';

const STATE: Record<string, string> = { scheduled: '', skipped: 'skipped', postponed: 'postponed', edited: 'edited' };

/** The next dates as the server computes them (DST-correct), in the routine's zone and in the viewer's profile zone. */
export function RoutinePreview({ routine }: { routine: Routine }) {
  const preview = useRoutinePreview(routine.id);
  if (preview.error) return <ErrorAlert error={preview.error} />;
  if (!preview.data) return <p className="loading">Loading the next dates…</p>;
  const p = preview.data;
  const zone = p.occurrences[0];
  return (
    <section aria-label="Next dates" className="preview">
      <h3>Next dates</h3>
      {p.paused && <p className="muted">Paused: nothing is created until it is resumed.</p>}
      {p.waitingForCompletion && <p className="muted">The next date is set when the current item is completed.</p>}
      {p.occurrences.length === 0 ? (
        <p className="muted">No upcoming dates.</p>
      ) : (
        <table className="preview-table">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Routine’s time ({zone?.local.timeZone})</th>
              <th scope="col">Your time ({zone?.viewer.timeZone})</th>
            </tr>
          </thead>
          <tbody>
            {p.occurrences.map((o) => (
              <tr key={o.occurrenceAt}>
                <td>
                  {o.title} {STATE[o.state] && <span className="pill">{STATE[o.state]}</span>}
                </td>
                <td>
                  <time dateTime={o.dueAt}>
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
      )}
    </section>
  );
}

/** "Tue" for a plain date 'YYYY-MM-DD' (read as a calendar date, so no zone shifts it). */
function weekday(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en', { weekday: 'short', timeZone: 'UTC' });
}
