import { ZOOMS, type ZoomId } from './timeline-zoom';

/** Week / Month / Quarter: pressed buttons (the current scale is aria-pressed); `+` and `-` step through them. */
export function ZoomControl({ zoom, onZoom }: { zoom: ZoomId; onZoom: (id: ZoomId) => void }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a toolbar of toggle buttons, not a form group
    <div className="timeline-zoom" role="group" aria-label="Zoom" aria-keyshortcuts="+ -" title="Zoom: + and - on the keyboard">
      {ZOOMS.map((z) => (
        <button key={z.id} type="button" className="secondary" aria-pressed={zoom === z.id} onClick={() => onZoom(z.id)}>
          {z.label}
        </button>
      ))}
    </div>
  );
}
