import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import type { PublicForm } from '@weft/client';
import { type FormEvent, useId, useState } from 'react';
import { client } from '../../lib/api';
import { renderMarkdown } from '../../lib/markdown';
import { ErrorAlert } from '../../ui/Field';
import './intake.css';

type PublicField = PublicForm['fields'][number];

/** The receipt's status path is the API's (`/api/v1/requests/REF`); the page for people lives at the same path without the prefix. */
export const statusPagePath = (statusPath: string) => statusPath.replace(/^\/api\/v1/, '');

function Input({ f, value, onChange }: { f: PublicField; value: string; onChange: (v: string) => void }) {
  const id = useId();
  const common = { id, required: f.required, value, 'aria-describedby': f.help ? `${id}-help` : undefined };
  return (
    <div className="field">
      <label htmlFor={id}>
        {f.label}
        {f.required && <span aria-hidden="true"> *</span>}
      </label>
      {f.kind === 'long_text' ? (
        <textarea {...common} rows={5} maxLength={f.maxLength} onChange={(e) => onChange(e.target.value)} />
      ) : f.kind === 'choice' ? (
        <select {...common} onChange={(e) => onChange(e.target.value)}>
          <option value="">Choose…</option>
          {f.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} type={f.kind === 'date' ? 'date' : f.kind === 'email' ? 'email' : 'text'} maxLength={f.maxLength} onChange={(e) => onChange(e.target.value)} />
      )}
      {f.help && (
        <small id={`${id}-help`} className="muted">
          {f.help}
        </small>
      )}
    </div>
  );
}

/** The form as anyone with the link sees it (no account for public forms); submitting leads to the request's status page. */
export function PublicFormPage() {
  const { publicId } = useParams({ strict: false }) as { publicId: string };
  const navigate = useNavigate();
  const form = useQuery({ queryKey: ['public-form', publicId], queryFn: () => client.forms.read(publicId), retry: false });
  const [values, setValues] = useState<Record<string, string>>({});
  const [email, setEmail] = useState('');
  const [trap, setTrap] = useState('');
  const emailId = useId();
  const submit = useMutation({
    mutationFn: (f: PublicForm) =>
      client.forms.submit(publicId, { values: Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '')), ...(f.asksForEmail ? { email } : {}), ...(trap ? { [f.honeypot]: trap } : {}) }),
    onSuccess: (r) => navigate({ to: '/requests/$reference', params: { reference: statusPagePath(r.statusPath).split('/').pop() ?? r.reference } }),
  });
  if (form.error) {
    return (
      <main className="public-page" id="main">
        <h1>Form not available</h1>
        <ErrorAlert error={form.error} />
      </main>
    );
  }
  if (!form.data) return <p className="loading">Loading…</p>;
  const f = form.data;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit.mutate(f);
  };
  return (
    <main className="public-page" id="main">
      <p className="muted">{f.workspaceName}</p>
      <h1>{f.name}</h1>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by renderMarkdown (DOMPurify) */}
      {f.description && <div className="markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(f.description) }} />}
      {f.closed ? (
        <p role="alert" className="alert">
          This form is closed and takes no new requests.
        </p>
      ) : (
        <form onSubmit={onSubmit} aria-label={f.name} className="card">
          {f.asksForEmail && (
            <div className="field">
              <label htmlFor={emailId}>Your email *</label>
              <input id={emailId} type="email" required autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
              <small className="muted">Only to tell you about this request.</small>
            </div>
          )}
          {f.fields.map((field) => (
            <Input key={field.key} f={field} value={values[field.key] ?? ''} onChange={(v) => setValues((x) => ({ ...x, [field.key]: v }))} />
          ))}
          {/* The honeypot: hidden from people and from assistive technology; bots fill it in. */}
          <div className="honeypot" aria-hidden="true">
            <label>
              Leave this empty
              <input tabIndex={-1} autoComplete="off" name={f.honeypot} value={trap} onChange={(e) => setTrap(e.target.value)} />
            </label>
          </div>
          <ErrorAlert error={submit.error} />
          <button type="submit" disabled={submit.isPending}>
            Submit request
          </button>
        </form>
      )}
    </main>
  );
}
