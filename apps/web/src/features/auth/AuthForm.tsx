import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { ErrorAlert, Field } from '../../ui/Field';

/** Sign up or log in; on success the `me` query holds the user and the app renders. */
export function AuthForm() {
  const qc = useQueryClient();
  const [mode, setMode] = useState<'signup' | 'login'>('signup');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const submit = useMutation({
    mutationFn: () => (mode === 'signup' ? client.auth.signup({ email, name, password }) : client.auth.login({ email, password })),
    onSuccess: (r) => {
      // Another person's data must not survive a change of session; `me` keeps its observers.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== qk.me[0] });
      qc.setQueryData(qk.me, r.user);
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    submit.mutate();
  }

  const title = mode === 'signup' ? 'Sign up' : 'Log in';
  return (
    <main className="auth">
      <section className="card">
        <h1>{title}</h1>
        <form onSubmit={onSubmit} aria-label={title}>
          <Field label="Email" type="email" value={email} onChange={setEmail} autoComplete="email" />
          {mode === 'signup' && <Field label="Name" value={name} onChange={setName} autoComplete="name" />}
          <Field
            label="Password"
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete={mode === 'signup' ? 'new-password' : 'current-password'}
            minLength={mode === 'signup' ? 8 : undefined}
          />
          <ErrorAlert error={submit.error} />
          <button type="submit" disabled={submit.isPending}>
            {title}
          </button>
        </form>
        <button
          type="button"
          className="link"
          onClick={() => {
            setMode(mode === 'signup' ? 'login' : 'signup');
            submit.reset();
          }}
        >
          {mode === 'signup' ? 'Have an account? Log in' : 'New here? Sign up'}
        </button>
      </section>
    </main>
  );
}
