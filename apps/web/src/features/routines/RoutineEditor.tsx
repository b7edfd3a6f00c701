import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateRoutineInput, Routine } from '@weft/client';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { client, PRIORITIES, type Priority } from '../../lib/api';
import { useMe } from '../../lib/queries';
import { ErrorAlert, Field } from '../../ui/Field';
import { browserZone, defaultStart, RecurrenceEditor, type RecurrenceValue } from './RecurrenceEditor';
import { DraftPreview } from './DraftPreview';
import type { DraftInput } from './draft-preview';
import { RoutinePreview } from './RoutinePreview';
import { type Freq, unitName } from './rrule';
import { routineKeys } from './useRoutines';

type Draft = { name: string; title: string; recurrence: RecurrenceValue; anchor: 'schedule' | 'completion'; skipWhileOpen: boolean; leadDays: number; priority: Priority };

function draftOf(r: Routine | null, zone: string): Draft {
  if (!r) return { name: '', title: '', recurrence: { rrule: '', timeZone: zone, start: defaultStart() }, anchor: 'schedule', skipWhileOpen: false, leadDays: 0, priority: 'none' };
  return { name: r.name, title: r.template.title, recurrence: { rrule: r.recurrence.rrule, timeZone: r.recurrence.timeZone, start: r.recurrence.start }, anchor: r.anchor, skipWhileOpen: r.skipWhileOpen, leadDays: r.leadDays, priority: r.template.priority };
}

/** True when the draft's dates or titles differ from the saved routine's (its server preview is then out of date). */
function scheduleChanged(d: Draft, r: Routine | null): boolean {
  if (!r) return true;
  const a = d.recurrence;
  const b = r.recurrence;
  return a.rrule.toUpperCase() !== b.rrule.toUpperCase() || a.timeZone !== b.timeZone || a.start !== b.start || d.anchor !== r.anchor || d.title !== r.template.title;
}

/**
 * "3 days" for an after-completion rule, from its FREQ and INTERVAL. Not parseRRuleText: it refuses
 * rules typed as text that the engine accepts (FREQ=DAILY;INTERVAL=1, or with COUNT/UNTIL).
 */
function completionGap(rrule: string): string {
  const freq = /FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)/i.exec(rrule)?.[1]?.toUpperCase() as Freq | undefined;
  const n = Number(/INTERVAL=(\d+)/i.exec(rrule)?.[1] ?? 1);
  return freq ? `${n} ${unitName(freq, n)}` : 'the rule’s interval';
}

/**
 * Create or edit a routine: what each item looks like, when it repeats, and its next dates: as
 * edited (computed here, before saving), or the server's once saved and unchanged.
 */
export function RoutineEditor({ spaceId, routine, onSaved, onClose }: { spaceId: string; routine: Routine | null; onSaved: (r: Routine) => void; onClose: () => void }) {
  const me = useMe();
  const qc = useQueryClient();
  const id = useId();
  const [d, setD] = useState<Draft>(() => draftOf(routine, me.data?.timeZone && me.data.timeZone !== 'UTC' ? me.data.timeZone : browserZone()));
  const set = (p: Partial<Draft>) => setD((x) => ({ ...x, ...p }));
  const [openedAt] = useState(() => Date.now());
  const viewerZone = me.data?.timeZone || browserZone();
  const handled = routine?.handledThrough ? Date.parse(routine.handledThrough) : 0;
  const draftInput = useMemo<DraftInput>(
    () => ({ recurrence: { ...d.recurrence, exdates: routine?.recurrence.exdates }, anchor: d.anchor, title: d.title, viewerZone, after: new Date(Math.max(openedAt, handled)) }),
    [d.recurrence, d.anchor, d.title, viewerZone, openedAt, handled, routine?.recurrence.exdates],
  );
  const save = useMutation({
    mutationFn: () => {
      // Keep the exception dates (skips set per occurrence): the form does not edit them.
      const body = { name: d.name, recurrence: { ...d.recurrence, exdates: routine?.recurrence.exdates }, anchor: d.anchor, skipWhileOpen: d.anchor === 'schedule' && d.skipWhileOpen, leadDays: d.leadDays };
      const template = { ...(routine?.template ?? {}), title: d.title, priority: d.priority } as CreateRoutineInput['template'];
      return routine ? client.routines.update(routine.id, { ...body, template, version: routine.version }) : client.routines.create(spaceId, { ...body, template });
    },
    onSuccess: (r) => {
      qc.setQueryData<Routine[]>(routineKeys.list(spaceId), (l) => (l?.some((x) => x.id === r.id) ? l.map((x) => (x.id === r.id ? r : x)) : [...(l ?? []), r]));
      void qc.invalidateQueries({ queryKey: routineKeys.preview(r.id) });
      onSaved(r);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <section className="card routine-editor" aria-labelledby={`${id}-h`}>
      <div className="row between">
        <h2 id={`${id}-h`}>{routine ? `Edit “${routine.name}”` : 'New routine'}</h2>
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
      <form onSubmit={submit} aria-label="Routine">
        <Field label="Routine name" value={d.name} onChange={(name) => set({ name })} placeholder="Payroll" />
        <Field label="Item title" value={d.title} onChange={(title) => set({ title })} placeholder="Payroll {{date:MMMM YYYY}}" />
        <p className="muted small">{'Placeholders: {{date}} or {{date:MMMM YYYY}}, {{date:ddd D MMM}}…'}</p>
        <fieldset className="row">
          <legend>Mode</legend>
          <label className="check">
            <input type="radio" name={`${id}-anchor`} checked={d.anchor === 'schedule'} onChange={() => set({ anchor: 'schedule' })} /> On a schedule
          </label>
          <label className="check">
            <input type="radio" name={`${id}-anchor`} checked={d.anchor === 'completion'} onChange={() => set({ anchor: 'completion' })} /> After completion
          </label>
        </fieldset>
        <RecurrenceEditor value={d.recurrence} onChange={(recurrence) => set({ recurrence })} afterCompletion={d.anchor === 'completion'} />
        <div className="row">
          {d.anchor === 'schedule' && (
            <label className="check">
              <input type="checkbox" checked={d.skipWhileOpen} onChange={(e) => set({ skipWhileOpen: e.target.checked })} /> Skip while the previous one is open
            </label>
          )}
          <label htmlFor={`${id}-lead`}>Create it</label>
          <input id={`${id}-lead`} type="number" min={0} max={365} className="narrow-input" value={d.leadDays} onChange={(e) => set({ leadDays: Math.max(0, Number(e.target.value) || 0) })} />
          <span className="muted">days before it is due</span>
          <label htmlFor={`${id}-prio`}>Priority</label>
          <select id={`${id}-prio`} value={d.priority} onChange={(e) => set({ priority: e.target.value as Priority })}>
            {PRIORITIES.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </div>
        <ErrorAlert error={save.error} />
        <button type="submit" disabled={save.isPending}>
          {routine ? 'Save routine' : 'Create routine'}
        </button>
      </form>
      {routine && !scheduleChanged(d, routine) ? <RoutinePreview routine={routine} /> : <DraftPreview input={draftInput} afterCompletionUnit={completionGap(d.recurrence.rrule)} />}
    </section>
  );
}
