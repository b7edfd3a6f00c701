import { useEffect } from 'react';
import { isTypingTarget } from '../keyboard/useGlobalShortcuts';
import { ItemDetail } from './ItemDetail';

/** The item beside the board or list; Escape (outside a field) or the button closes it. */
export function ItemPanel({ itemKey, onClose }: { itemKey: string; onClose: () => void }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !isTypingTarget(e.target) && !document.querySelector('dialog[open]')) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <aside className="panel" aria-label="Item panel">
      <button type="button" className="secondary close" onClick={onClose} aria-label="Close item panel">
        ×
      </button>
      <ItemDetail key={itemKey} itemKey={itemKey} headingLevel="h2" />
    </aside>
  );
}
