import { dismiss, useNotices } from '../lib/notices';

/** The notice area: refusals (role=alert) and confirmations (role=status), each dismissable. */
export function Notices() {
  const notices = useNotices();
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} role={n.kind === 'error' ? 'alert' : 'status'} className={`notice notice-${n.kind}`}>
          <strong>{n.title}</strong>
          {n.detail && <p>{n.detail}</p>}
          {n.lines && n.lines.length > 0 && (
            <ul>
              {n.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          )}
          <div className="notice-actions">
            {n.action && (
              <button
                type="button"
                onClick={() => {
                  dismiss(n.id);
                  n.action?.run();
                }}
              >
                {n.action.label}
              </button>
            )}
            <button type="button" className="secondary" onClick={() => dismiss(n.id)}>
              Dismiss
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
