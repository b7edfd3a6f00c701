import type { IntakeRequest } from '@weft/client';

const LABEL = { on_track: 'On track', at_risk: 'At risk', breached: 'Breached' } as const;

function relative(iso: string): string {
  const mins = Math.round((new Date(iso).getTime() - Date.now()) / 60_000);
  const abs = Math.abs(mins);
  const span = abs < 60 ? `${abs} min` : abs < 48 * 60 ? `${Math.round(abs / 60)} h` : `${Math.round(abs / 1440)} d`;
  return mins >= 0 ? `due in ${span}` : `${span} overdue`;
}

/** The request's SLA state and the due time of the next unmet target ("Response due in 3 h"). */
export function SlaBadge({ sla }: { sla: IntakeRequest['sla'] }) {
  if (!sla) return null;
  const target = !sla.firstResponse.metAt && sla.firstResponse.dueAt ? { name: 'Response', ...sla.firstResponse } : !sla.resolution.metAt && sla.resolution.dueAt ? { name: 'Resolution', ...sla.resolution } : null;
  const title = target?.dueAt ? `${target.name} due ${new Date(target.dueAt).toLocaleString()}` : 'All SLA targets met';
  return (
    <span className={`sla sla-${sla.state}`} title={title}>
      SLA: {LABEL[sla.state]}
      {target?.dueAt && (
        <>
          {' · '}
          {target.name} {relative(target.dueAt)}
        </>
      )}
    </span>
  );
}
