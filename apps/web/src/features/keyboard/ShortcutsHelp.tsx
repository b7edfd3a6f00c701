import { useCallback } from 'react';
import { openDialog } from '../../lib/ui-state';
import { Dialog } from '../../ui/Dialog';
import { SHORTCUTS } from './useGlobalShortcuts';

export function ShortcutsHelp() {
  const close = useCallback(() => openDialog(null), []);
  return (
    <Dialog title="Keyboard shortcuts" onClose={close}>
      <dl className="shortcuts">
        {SHORTCUTS.map(([k, what]) => (
          <div key={k}>
            <dt>
              <kbd>{k}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={close}>
        Close
      </button>
    </Dialog>
  );
}
