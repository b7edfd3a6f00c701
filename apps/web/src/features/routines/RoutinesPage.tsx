import type { Routine } from '@weft/client';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useSpace } from '../../lib/queries';
import { ErrorAlert } from '../../ui/Field';
import { SpaceAreaNav } from '../spaces/settings/SpaceAreaNav';
import { RoutineEditor } from './RoutineEditor';
import { describeRule, parseRRuleText } from './rrule';
import { useDeleteRoutine, usePauseRoutine, useRoutines } from './useRoutines';
import './routines.css';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—');

function ruleText(r: Routine): string {
  const m = parseRRuleText(r.recurrence.rrule);
  return m ? describeRule(m, r.anchor === 'completion') : r.recurrence.rrule;
}

/** A space's routines: each with its rule and next date; create, edit, pause/resume, delete. */
export function RoutinesPage() {
  const { workspaceId, spaceId } = useParams({ strict: false }) as { workspaceId: string; spaceId: string };
  const space = useSpace(spaceId);
  const routines = useRoutines(spaceId);
  const pause = usePauseRoutine(spaceId);
  const remove = useDeleteRoutine(spaceId);
  const [editing, setEditing] = useState<Routine | 'new' | null>(null);
  const current = editing === 'new' || editing === null ? editing : (routines.data?.find((r) => r.id === editing.id) ?? editing);
  return (
    <div className="area-page">
      <SpaceAreaNav workspaceId={workspaceId} space={space.data} current="routines" />
      <div className="row between">
        <h1>Routines</h1>
        <button type="button" onClick={() => setEditing('new')}>
          New routine
        </button>
      </div>
      <ErrorAlert error={routines.error} />
      {current && (
        <RoutineEditor key={current === 'new' ? 'new' : current.id} spaceId={spaceId} routine={current === 'new' ? null : current} onSaved={(r) => setEditing(r)} onClose={() => setEditing(null)} />
      )}
      {routines.data && routines.data.length === 0 && <p className="muted">No routines yet: recurring work (payroll, backups, reviews) goes here.</p>}
      <ul aria-label="Routines" className="plain-list routine-list">
        {routines.data?.map((r) => (
          <li key={r.id} className="routine-row">
            <div className="routine-main">
              <strong>{r.name}</strong> {r.paused && <span className="pill">paused</span>}
              <div className="muted small">
                {ruleText(r)} · {r.recurrence.timeZone} · next: {r.paused ? 'paused' : when(r.nextAt)}
              </div>
              {r.lastError && <div className="alert small">Last attempt failed: {r.lastError}</div>}
            </div>
            {r.abilities.manage !== false && (
              <div className="row">
                <button type="button" className="secondary" onClick={() => setEditing(r)} aria-label={`Edit ${r.name}`}>
                  Edit
                </button>
                <button type="button" className="secondary" onClick={() => pause.mutate({ routine: r, paused: !r.paused })} aria-label={`${r.paused ? 'Resume' : 'Pause'} ${r.name}`}>
                  {r.paused ? 'Resume' : 'Pause'}
                </button>
                <button
                  type="button"
                  className="secondary"
                  aria-label={`Delete ${r.name}`}
                  onClick={() => {
                    if (window.confirm(`Delete the routine “${r.name}”? The items it created stay.`)) {
                      if (current !== 'new' && current?.id === r.id) setEditing(null);
                      remove.mutate(r);
                    }
                  }}
                >
                  Delete
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
