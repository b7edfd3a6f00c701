import { type ReactNode, useEffect, useId, useRef } from 'react';

/**
 * A modal dialog on the native <dialog> element: showModal() gives the focus trap, the inert
 * background and Escape for free (no library needed); focus returns to where it was on close.
 */
export function Dialog(props: { title: string; onClose: () => void; children: ReactNode; className?: string; hideTitle?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { onClose } = props;
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    const before = document.activeElement as HTMLElement | null;
    if (!d.open) d.showModal();
    const onCancel = (e: Event) => {
      e.preventDefault();
      onClose();
    };
    d.addEventListener('cancel', onCancel);
    return () => {
      d.removeEventListener('cancel', onCancel);
      if (d.open) d.close();
      before?.focus?.();
    };
  }, [onClose]);
  return (
    <dialog ref={ref} aria-labelledby={titleId} className={`dialog ${props.className ?? ''}`} onClick={(e) => e.target === ref.current && onClose()} onKeyDown={() => {}}>
      <h2 id={titleId} className={props.hideTitle ? 'visually-hidden' : undefined}>
        {props.title}
      </h2>
      {props.children}
    </dialog>
  );
}
