import { useEffect, useId, useMemo, useState } from 'react';
import { renderMarkdown } from '../../lib/markdown';

/** Sanitized markdown (see lib/markdown.ts): raw HTML shows as text, links open safely. */
export function Markdown({ source, className }: { source: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: the HTML is escaped by marked's renderer and sanitized by DOMPurify
  return <div className={`markdown ${className ?? ''}`} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** The description: preview by default, a markdown textarea to edit, saved explicitly. */
export function DescriptionEditor({ value, onSave, onEditing }: { value: string; onSave: (v: string) => void; onEditing?: (editing: boolean) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const id = useId();
  const editing = draft !== null;
  // Others see "… is editing the description" while the editor is open (presence).
  useEffect(() => {
    if (!editing || !onEditing) return;
    onEditing(true);
    return () => onEditing(false);
  }, [editing, onEditing]);
  return (
    <section className="description" aria-labelledby={`${id}-h`}>
      <div className="row between">
        <h3 id={`${id}-h`}>Description</h3>
        {!editing && (
          <button type="button" className="secondary" onClick={() => setDraft(value)}>
            Edit description
          </button>
        )}
      </div>
      {editing ? (
        <DescriptionForm id={id} draft={draft} setDraft={setDraft} onSave={onSave} />
      ) : value.trim() ? (
        <Markdown source={value} className="description-view" />
      ) : (
        <p className="muted">No description.</p>
      )}
    </section>
  );
}

function DescriptionForm({ id, draft, setDraft, onSave }: { id: string; draft: string; setDraft: (v: string | null) => void; onSave: (v: string) => void }) {
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSave(draft);
        setDraft(null);
      }}
    >
      <div role="tablist" aria-label="Description editor" className="tabs">
        {(['write', 'preview'] as const).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'active' : ''} onClick={() => setTab(t)}>
            {t === 'write' ? 'Write' : 'Preview'}
          </button>
        ))}
      </div>
      {tab === 'write' ? (
        <>
          <label htmlFor={`${id}-text`} className="visually-hidden">
            Description (markdown)
          </label>
          <textarea id={`${id}-text`} rows={8} value={draft} onChange={(e) => setDraft(e.target.value)} />
        </>
      ) : (
        <div role="tabpanel">
          <Markdown source={draft} />
        </div>
      )}
      <div className="row">
        <button type="submit">Save description</button>
        <button type="button" className="secondary" onClick={() => setDraft(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
