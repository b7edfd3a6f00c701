import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { ApiError, api, type Problem, type User, type Workspace } from './api';

/** Turns any failure into something to show: the problem document, or a generic message. */
function toProblem(e: unknown): Problem {
  if (e instanceof ApiError) return e.problem;
  return { code: 'NETWORK', title: 'Network error', detail: e instanceof Error ? e.message : String(e) };
}

function ErrorAlert({ problem }: { problem: Problem | null }) {
  if (!problem) return null;
  // The detail often repeats the first field error; list only what it does not already say.
  const fields = (problem.errors ?? []).filter((f) => `${f.path}: ${f.message}` !== problem.detail);
  return (
    <div role="alert" className="alert">
      <p>{problem.detail}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={`${f.path}:${f.message}`}>
              {f.path}: {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Labelled text input: every input gets a visible <label> bound through an id. */
function Field(props: { label: string; type?: string; value: string; onChange: (v: string) => void; autoComplete?: string; required?: boolean; minLength?: number }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type={props.type ?? 'text'}
        value={props.value}
        autoComplete={props.autoComplete}
        required={props.required ?? true}
        minLength={props.minLength}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

function AuthForm({ onSignedIn }: { onSignedIn: (u: User) => void }) {
  const [mode, setMode] = useState<'signup' | 'login'>('signup');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      onSignedIn(mode === 'signup' ? await api.signup({ email, name, password }) : await api.login({ email, password }));
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  }

  const title = mode === 'signup' ? 'Sign up' : 'Log in';
  return (
    <section className="card">
      <h1>{title}</h1>
      <form onSubmit={submit} aria-label={title}>
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
        <ErrorAlert problem={problem} />
        <button type="submit" disabled={busy}>
          {title}
        </button>
      </form>
      <button
        type="button"
        className="link"
        onClick={() => {
          setMode(mode === 'signup' ? 'login' : 'signup');
          setProblem(null);
        }}
      >
        {mode === 'signup' ? 'Have an account? Log in' : 'New here? Sign up'}
      </button>
    </section>
  );
}

function Workspaces() {
  const [items, setItems] = useState<Workspace[] | null>(null);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);

  const load = useCallback(async () => {
    try {
      setItems(await api.workspaces());
    } catch (e) {
      setProblem(toProblem(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function create(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    try {
      await api.createWorkspace(name);
      setName('');
      await load();
    } catch (err) {
      setProblem(toProblem(err));
    }
  }

  return (
    <section className="card">
      <h2>Workspaces</h2>
      {items === null ? (
        <p>Loading…</p>
      ) : items.length === 0 ? (
        <p>No workspaces yet.</p>
      ) : (
        <ul aria-label="Workspaces">
          {items.map((w) => (
            <li key={w.id}>{w.name}</li>
          ))}
        </ul>
      )}
      <form onSubmit={create} aria-label="Create workspace">
        <Field label="Workspace name" value={name} onChange={setName} />
        <ErrorAlert problem={problem} />
        <button type="submit">Create workspace</button>
      </form>
    </section>
  );
}

/** The placeholder app: sign up / log in, then list and create workspaces. */
export function App() {
  // undefined while /me is in flight, so the form does not flash for a signed-in user.
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    api.me().then(setUser, (e) => {
      setProblem(toProblem(e));
      setUser(null);
    });
  }, []);

  async function logout() {
    setProblem(null);
    try {
      await api.logout();
      setUser(null);
    } catch (e) {
      setProblem(toProblem(e));
    }
  }

  return (
    <main>
      <header>
        <span className="brand">Weft</span>
        {user && (
          <span className="who">
            Signed in as <strong>{user.name}</strong>{' '}
            <button type="button" onClick={logout}>
              Log out
            </button>
          </span>
        )}
      </header>
      <ErrorAlert problem={problem} />
      {user === undefined ? <p>Loading…</p> : user === null ? <AuthForm onSignedIn={setUser} /> : <Workspaces key={user.id} />}
    </main>
  );
}
