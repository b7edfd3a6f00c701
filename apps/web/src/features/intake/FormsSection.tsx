import type { Form } from '@weft/client';
import { useState } from 'react';
import { notify } from '../../lib/notices';
import { ErrorAlert } from '../../ui/Field';
import { FormBuilder } from './FormBuilder';
import { useForms, useSpaceFields } from './useIntake';

export const publicLink = (f: Form) => `${window.location.origin}/f/${f.publicId}`;

async function copy(text: string) {
  try {
    await navigator.clipboard.writeText(text);
    notify({ kind: 'info', title: 'Link copied', detail: text });
  } catch {
    notify({ kind: 'error', title: 'Copying was not allowed by the browser', detail: `Select the link and copy it: ${text}` });
  }
}

/** The space's intake forms: build or edit one, copy its link. */
export function FormsSection({ workspaceId, spaceId }: { workspaceId: string; spaceId: string }) {
  const forms = useForms(spaceId);
  const fields = useSpaceFields(workspaceId, spaceId);
  const [editing, setEditing] = useState<Form | 'new' | null>(null);
  return (
    <section aria-label="Forms">
      <div className="row between">
        <h2>Forms</h2>
        <button type="button" onClick={() => setEditing('new')}>
          New form
        </button>
      </div>
      <ErrorAlert error={forms.error} />
      {editing && (
        <FormBuilder key={editing === 'new' ? 'new' : editing.id} spaceId={spaceId} form={editing === 'new' ? null : editing} fields={fields.data ?? []} onDone={() => setEditing(null)} />
      )}
      {forms.data?.length === 0 && <p className="muted">No forms yet. A form turns requests from other teams or from outside into items waiting for triage.</p>}
      <ul className="plain-list" aria-label="Forms list">
        {forms.data?.map((f) => (
          <li key={f.id} className="form-row">
            <div className="row between">
              <div>
                <strong>{f.name}</strong> <span className="pill">{f.access}</span> {f.closedAt && <span className="pill">closed</span>}
                <div className="muted small">{f.fields.length} fields</div>
              </div>
              {f.abilities.manage !== false && (
                <button type="button" className="secondary" onClick={() => setEditing(f)} aria-label={`Edit form ${f.name}`}>
                  Edit
                </button>
              )}
            </div>
            <div className="row">
              <label htmlFor={`link-${f.id}`}>{f.access === 'public' ? 'Public link' : 'Link (members only)'}</label>
              <input id={`link-${f.id}`} className="link-input" readOnly value={publicLink(f)} onFocus={(e) => e.target.select()} />
              <button type="button" className="secondary" onClick={() => copy(publicLink(f))}>
                Copy link
              </button>
              <a href={publicLink(f)} target="_blank" rel="noopener noreferrer">
                Open
              </a>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
