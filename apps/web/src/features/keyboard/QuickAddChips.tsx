import type { QuickAddChip } from '@weft/domain/quick-add';

// The date is already a calendar day in the viewer's zone: format it as such (read at noon UTC).
const day = (date: string) => new Date(`${date}T12:00:00Z`).toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });

function text(c: QuickAddChip): string {
  switch (c.kind) {
    case 'label':
      return `Label: ${c.name}`;
    case 'assignee':
      return `Assignee: ${c.name}`;
    case 'priority':
      return `Priority: ${c.priority}`;
    case 'due':
      return `Due: ${day(c.date)} (${c.date})`;
    case 'start':
      return `Start: ${day(c.date)} (${c.date})`;
    case 'warning':
      return `${c.raw}: ${c.message}`;
  }
}

/** What the inline syntax will set, live under the title; warnings (kept in the title) stand out. */
export function QuickAddChips({ chips, timeZone }: { chips: QuickAddChip[]; timeZone: string }) {
  return (
    <ul className="chips" aria-label="Recognized syntax" aria-live="polite">
      {chips.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: chips are positional (the same token may appear twice) and never reordered
        <li key={`${i}-${c.raw}`} className={`chip chip-${c.kind}${c.kind === 'warning' ? ' chip-warn' : ''}`} data-kind={c.kind}>
          {c.kind === 'warning' ? '⚠ ' : ''}
          {text(c)}
        </li>
      ))}
      {chips.some((c) => c.kind === 'due' || c.kind === 'start') && <li className="muted small">dates in {timeZone}</li>}
    </ul>
  );
}
