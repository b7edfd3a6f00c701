import type { Status } from '@weft/client';
import { useId, useState } from 'react';
import { Dialog } from '../../../ui/Dialog';

/** Removing a status asks where its items go. */
export function DeleteStatusDialog(p: { status: Status; others: Status[]; onClose: () => void; onConfirm: (moveItemsTo: string) => void }) {
  const id = useId();
  const [to, setTo] = useState(p.others.find((s) => s.category === p.status.category)?.id ?? p.others[0]?.id ?? '');
  return (
    <Dialog title={`Remove status “${p.status.name}”`} onClose={p.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          p.onConfirm(to);
          p.onClose();
        }}
      >
        <div className="field">
          <label htmlFor={id}>Move its items to</label>
          <select id={id} value={to} onChange={(e) => setTo(e.target.value)} required>
            {p.others.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="row">
          <button type="submit">Remove status</button>
          <button type="button" className="secondary" onClick={p.onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
