import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { client } from '../../lib/api';
import { useMe, useMembers } from '../../lib/queries';
import { ErrorAlert, Field, FormActions } from '../../ui/Field';
import { browserZone, RecurrenceEditor, type RecurrenceValue } from '../routines/RecurrenceEditor';
import { describeRule, parseRRuleText } from '../routines/rrule';
import { checkinKeys, useCheckins } from './useCheckins';
import '../routines/routines.css';
import './checkins.css';

function NewCheckin({ ws, onClose }: { ws: string; onClose: () => void }) {
  const me = useMe();
  const members = useMembers(ws);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const id = useId();
  const [name, setName] = useState('Weekly update');
  const [question, setQuestion] = useState('What did you work on this week?');
  const [recurrence, setRecurrence] = useState<RecurrenceValue>(() => ({ rrule: 'FREQ=WEEKLY;BYDAY=FR', timeZone: browserZone(), start: `${new Date().toISOString().slice(0, 10)}T16:00` }));
  const [people, setPeople] = useState<string[]>(() => (me.data ? [me.data.id] : []));
  const [visibility, setVisibility] = useState<'workspace' | 'participants'>('workspace');
  const create = useMutation({
    mutationFn: () => client.checkins.create(ws, { name, question, recurrence, participantIds: people, visibility }),
    onSuccess: async (c) => {
      await qc.invalidateQueries({ queryKey: checkinKeys.list(ws) });
      await navigate({ to: '/w/$workspaceId/checkins/$checkinId', params: { workspaceId: ws, checkinId: c.id } });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form className="card" onSubmit={submit} aria-label="New check-in">
      <h2>New check-in</h2>
      <Field label="Check-in name" value={name} onChange={setName} />
      <Field label="Question" value={question} onChange={setQuestion} />
      <p className="muted small">Each person is asked at this local time in their own time zone.</p>
      <RecurrenceEditor value={recurrence} onChange={setRecurrence} />
      <fieldset className="people">
        <legend>Who is asked</legend>
        {members.data?.map((m) => (
          <label key={m.userId} className="check">
            <input type="checkbox" checked={people.includes(m.userId)} onChange={(e) => setPeople((p) => (e.target.checked ? [...p, m.userId] : p.filter((x) => x !== m.userId)))} /> {m.name}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-vis`}>Who reads the answers</label>
        <select id={`${id}-vis`} value={visibility} onChange={(e) => setVisibility(e.target.value as 'workspace' | 'participants')}>
          <option value="workspace">Everyone in the workspace</option>
          <option value="participants">Only the people asked</option>
        </select>
      </div>
      <FormActions error={create.error} label="Create check-in" disabled={create.isPending} onCancel={onClose} />
    </form>
  );
}

/** The workspace's check-ins: each question, its schedule and whether it is paused; create one. */
export function CheckinsPage() {
  const { workspaceId } = useParams({ strict: false }) as { workspaceId: string };
  const checkins = useCheckins(workspaceId);
  const [creating, setCreating] = useState(false);
  return (
    <div className="area-page">
      <div className="row between">
        <h1>Check-ins</h1>
        <button type="button" onClick={() => setCreating(true)}>
          New check-in
        </button>
      </div>
      {creating && <NewCheckin ws={workspaceId} onClose={() => setCreating(false)} />}
      <ErrorAlert error={checkins.error} />
      {checkins.data?.length === 0 && <p className="muted">No check-ins yet. A check-in asks the team a question on a schedule and collects the answers.</p>}
      <ul className="plain-list" aria-label="Check-ins list">
        {checkins.data?.map((c) => {
          const rule = parseRRuleText(c.recurrence.rrule);
          return (
            <li key={c.id} className="checkin-row">
              <Link to="/w/$workspaceId/checkins/$checkinId" params={{ workspaceId, checkinId: c.id }}>
                {c.name}
              </Link>{' '}
              {c.pausedAt && <span className="pill">paused</span>}
              <div className="muted small">
                {c.question} · {rule ? describeRule(rule, false) : c.recurrence.rrule} at {c.recurrence.start.slice(11)}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
