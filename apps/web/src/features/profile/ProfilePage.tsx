import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { User } from '@weft/client';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { notify } from '../../lib/notices';
import { useMe } from '../../lib/queries';
import { ErrorAlert, Field } from '../../ui/Field';
import '../items/items.css';

/** Up to two letters: the first of the first and of the last word ("Grace Brewster Hopper" → "GH"). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...words[0]][0] ?? '';
  const last = words.length > 1 ? ([...words[words.length - 1]][0] ?? '') : '';
  return (first + last).toUpperCase();
}

function zones(current: string): string[] {
  // Every IANA zone the browser knows; the saved one is kept even if this browser lacks it.
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return all.includes(current) ? all : [current, ...all];
}

/** `/profile`: name, time zone and the initials others see as the avatar (PATCH /me). */
export function ProfilePage() {
  const me = useMe().data;
  if (!me) return <p className="loading">Loading…</p>;
  return <ProfileForm key={me.id} me={me} />;
}

function ProfileForm({ me }: { me: User }) {
  const qc = useQueryClient();
  const id = useId();
  const [name, setName] = useState(me.name);
  const [timeZone, setTimeZone] = useState(me.timeZone);
  const options = useMemo(() => zones(me.timeZone), [me.timeZone]);
  const now = new Date().toLocaleTimeString(undefined, { timeZone, hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
  const save = useMutation({
    mutationFn: () => client.me.update({ name: name.trim(), timeZone }),
    onSuccess: (user) => {
      qc.setQueryData(qk.me, user);
      // Names show in member lists (assignees, mentions): refetch them.
      void qc.invalidateQueries({ queryKey: ['members'] });
      notify({ kind: 'info', title: 'Profile saved' });
    },
  });
  const dirty = name.trim() !== me.name || timeZone !== me.timeZone;
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }
  return (
    <section className="card narrow" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>Profile</h1>
      <div className="row">
        <span className="avatar" role="img" aria-label={`Avatar: ${initials(name)}`}>
          {initials(name)}
        </span>
        <div>
          <div>{name.trim() || '—'}</div>
          <div className="muted small">{me.email}</div>
        </div>
      </div>
      <form className="profile-form" onSubmit={onSubmit} aria-label="Profile">
        <Field label="Name" value={name} onChange={setName} autoComplete="name" />
        <div className="field">
          <label htmlFor={`${id}-tz`}>Time zone</label>
          <select id={`${id}-tz`} value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
            {options.map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
          <span className="muted small">Now there: {now}. Due dates like “due:fri” and “today” follow this zone.</span>
        </div>
        <ErrorAlert error={save.error} />
        <div className="row">
          <button type="submit" disabled={!dirty || !name.trim() || save.isPending}>
            Save profile
          </button>
        </div>
      </form>
    </section>
  );
}
