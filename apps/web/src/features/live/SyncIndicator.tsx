import { useIsMutating } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

/**
 * Whether this tab's changes have reached the server: "Saving…" while any change is on its way
 * (a mutation is pending until the server answered), "All changes saved" only after every one was
 * acknowledged. Nothing before the first change.
 */
export function SyncIndicator() {
  const pending = useIsMutating({ predicate: (m) => m.options.mutationKey?.[0] !== 'session' });
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (pending > 0) setTouched(true);
  }, [pending]);
  if (!touched && pending === 0) return null;
  return (
    <span className={`sync small${pending > 0 ? ' saving' : ''}`} role="status" aria-live="polite">
      {pending > 0 ? 'Saving…' : 'All changes saved'}
    </span>
  );
}
