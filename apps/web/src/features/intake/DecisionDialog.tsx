import type { IntakeRequest } from '@weft/client';
import { type FormEvent, useId, useState } from 'react';
import { Dialog } from '../../ui/Dialog';
import { type Decision, useRequests } from './useIntake';

/** Decline (with a reason the requester sees) or merge into another open request of the space. */
export function DecisionDialog(p: { spaceId: string; request: IntakeRequest; kind: 'decline' | 'merge'; onClose: () => void; onDecide: (d: Decision) => void }) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [into, setInto] = useState('');
  const open = [...(useRequests(p.spaceId, 'triage').data ?? []), ...(useRequests(p.spaceId, 'accepted').data ?? [])].filter((r) => r.id !== p.request.id);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    p.onDecide(p.kind === 'decline' ? { kind: 'decline', request: p.request, reason } : { kind: 'merge', request: p.request, into });
    p.onClose();
  };
  return (
    <Dialog title={p.kind === 'decline' ? `Decline “${p.request.title}”` : `Merge “${p.request.title}” as a duplicate`} onClose={p.onClose}>
      <form onSubmit={submit}>
        {p.kind === 'decline' ? (
          <div className="field">
            <label htmlFor={`${id}-r`}>Reason (the requester sees it)</label>
            <textarea id={`${id}-r`} rows={3} required autoFocus value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-i`}>Duplicate of</label>
            <select id={`${id}-i`} required value={into} onChange={(e) => setInto(e.target.value)}>
              <option value="">Choose a request…</option>
              {open.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.itemKey} {r.title}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="row">
          <button type="submit">{p.kind === 'decline' ? 'Decline request' : 'Merge request'}</button>
          <button type="button" className="secondary" onClick={p.onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
