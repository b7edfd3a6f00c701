import { useEffect, useId, useState } from 'react';
import { buildRRule, DEFAULT_RULE, describeRule, type Freq, type MonthlyMode, parseRRuleText, type RuleModel, unitName, WEEKDAYS, type Weekday } from './rrule';

export type RecurrenceValue = { rrule: string; timeZone: string; start: string };

const FREQS: Freq[] = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const ZONES = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
})();

/** The viewer's own zone as the browser knows it (the default for new schedules). */
export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Tomorrow at 09:00, as 'YYYY-MM-DDTHH:mm' (a datetime-local value). */
export function defaultStart(): string {
  const d = new Date(Date.now() + 86_400_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T09:00`;
}

/**
 * The friendly rule editor: every N days/weeks/months/years, a weekday picker, the nth weekday or a
 * day of the month, the start and the time zone. It writes the RRULE and shows it; a rule it cannot
 * show as choices (written by hand or the API) is edited as text.
 */
export function RecurrenceEditor({ value, onChange, afterCompletion = false }: { value: RecurrenceValue; onChange: (v: RecurrenceValue) => void; afterCompletion?: boolean }) {
  const id = useId();
  const [model, setModel] = useState<RuleModel | null>(() => (value.rrule ? parseRRuleText(value.rrule) : DEFAULT_RULE));
  const set = (patch: Partial<RuleModel>) => {
    const next = { ...(model ?? DEFAULT_RULE), ...patch };
    setModel(next);
    onChange({ ...value, rrule: buildRRule(next, afterCompletion) });
  };
  const rrule = model ? buildRRule(model, afterCompletion) : value.rrule;
  // Switching to "after completion" drops the parts such a rule may not carry: tell the parent.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the generated rule changes
  useEffect(() => {
    if (model && rrule !== value.rrule) onChange({ ...value, rrule });
  }, [rrule]);
  return (
    <fieldset className="recurrence">
      <legend>Repeats</legend>
      {model ? (
        <>
          <div className="row">
            <label htmlFor={`${id}-n`}>{afterCompletion ? 'Next one' : 'Every'}</label>
            <input id={`${id}-n`} type="number" min={1} max={999} className="narrow-input" value={model.interval} onChange={(e) => set({ interval: Math.max(1, Number(e.target.value) || 1) })} />
            <label htmlFor={`${id}-unit`} className="visually-hidden">
              Unit
            </label>
            <select id={`${id}-unit`} value={model.freq} onChange={(e) => set({ freq: e.target.value as Freq })}>
              {FREQS.map((f) => (
                <option key={f} value={f}>
                  {unitName(f, model.interval)}
                </option>
              ))}
            </select>
            {afterCompletion && <span className="muted">after the previous one is completed</span>}
          </div>
          {!afterCompletion && model.freq === 'WEEKLY' && (
            <fieldset className="weekdays">
              <legend>On</legend>
              {WEEKDAYS.map(([k, name]) => (
                <button
                  key={k}
                  type="button"
                  className="weekday"
                  aria-pressed={model.weekdays.includes(k)}
                  aria-label={name}
                  onClick={() => set({ weekdays: model.weekdays.includes(k) ? model.weekdays.filter((d) => d !== k) : [...model.weekdays, k] })}
                >
                  {name.slice(0, 2)}
                </button>
              ))}
            </fieldset>
          )}
          {!afterCompletion && model.freq === 'MONTHLY' && <MonthlyChoice model={model} set={set} />}
        </>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-raw`}>Rule (RFC 5545 RRULE)</label>
          <input id={`${id}-raw`} value={value.rrule} onChange={(e) => onChange({ ...value, rrule: e.target.value })} />
          <button type="button" className="link" onClick={() => set({})}>
            Use the simple editor instead
          </button>
        </div>
      )}
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-start`}>{afterCompletion ? 'First one due' : 'Starting'}</label>
          <input id={`${id}-start`} type="datetime-local" required value={value.start} onChange={(e) => onChange({ ...value, start: e.target.value.slice(0, 16) })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-tz`}>Time zone</label>
          <input id={`${id}-tz`} list={`${id}-zones`} required value={value.timeZone} onChange={(e) => onChange({ ...value, timeZone: e.target.value })} />
          <datalist id={`${id}-zones`}>
            {ZONES.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </div>
      </div>
      <p className="rule-summary">
        {model && <span>{describeRule(model, afterCompletion)}. </span>}
        <span className="muted">RRULE: </span>
        <code data-testid="rrule">{rrule}</code>
      </p>
    </fieldset>
  );
}

function MonthlyChoice({ model, set }: { model: RuleModel; set: (p: Partial<RuleModel>) => void }) {
  const id = useId();
  const mode = (m: MonthlyMode) => ({ type: 'radio' as const, name: `${id}-mode`, checked: model.monthlyMode === m, onChange: () => set({ monthlyMode: m }) });
  return (
    <fieldset className="monthly">
      <legend>On</legend>
      <div className="row">
        <input id={`${id}-md`} {...mode('monthday')} />
        <label htmlFor={`${id}-md`}>Day</label>
        <input type="number" min={1} max={31} aria-label="Day of the month" className="narrow-input" value={model.monthDay} onChange={(e) => set({ monthlyMode: 'monthday', monthDay: Math.min(31, Math.max(1, Number(e.target.value) || 1)) })} />
      </div>
      <div className="row">
        <input id={`${id}-nth`} {...mode('nth')} />
        <label htmlFor={`${id}-nth`}>The</label>
        <select aria-label="Which week" value={model.nth} onChange={(e) => set({ monthlyMode: 'nth', nth: Number(e.target.value) })}>
          <option value={1}>1st</option>
          <option value={2}>2nd</option>
          <option value={3}>3rd</option>
          <option value={4}>4th</option>
          <option value={-1}>last</option>
        </select>
        <select aria-label="Weekday" value={model.nthWeekday} onChange={(e) => set({ monthlyMode: 'nth', nthWeekday: e.target.value as Weekday })}>
          {WEEKDAYS.map(([k, name]) => (
            <option key={k} value={k}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className="row">
        <input id={`${id}-last`} {...mode('last')} />
        <label htmlFor={`${id}-last`}>The last day of the month</label>
      </div>
    </fieldset>
  );
}
