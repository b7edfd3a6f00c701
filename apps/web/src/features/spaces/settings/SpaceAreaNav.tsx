import './areas.css';
import { Link } from '@tanstack/react-router';
import type { Space } from '@weft/client';

export type SpaceArea = 'items' | 'overview' | 'routines' | 'intake' | 'settings';

type AreaLink = {
  area: Exclude<SpaceArea, 'items'>;
  label: string;
  to: '/w/$workspaceId/s/$spaceId/overview' | '/w/$workspaceId/s/$spaceId/routines' | '/w/$workspaceId/s/$spaceId/intake' | '/w/$workspaceId/s/$spaceId/settings';
};
/** A project's overview (goal, dates, progress); streams have none. */
const OVERVIEW: AreaLink = { area: 'overview', label: 'Overview', to: '/w/$workspaceId/s/$spaceId/overview' };
const AREAS: AreaLink[] = [
  { area: 'routines', label: 'Routines', to: '/w/$workspaceId/s/$spaceId/routines' },
  { area: 'intake', label: 'Intake', to: '/w/$workspaceId/s/$spaceId/intake' },
  { area: 'settings', label: 'Settings', to: '/w/$workspaceId/s/$spaceId/settings' },
];

/** The links between a space's items and its routines, intake (forms and triage) and settings. */
export function SpaceAreaNav({ workspaceId, space, current, spaceId }: { workspaceId: string; space?: Space; current: SpaceArea; spaceId?: string }) {
  const id = space?.id ?? spaceId;
  if (!id) return null;
  const params = { workspaceId, spaceId: id };
  return (
    <nav aria-label="Space areas" className="space-areas">
      {current !== 'items' && (
        <Link to="/w/$workspaceId/s/$spaceId" params={params} search={{ view: 'board' }} className="space-areas-home">
          {space ? (
            <>
              <span className="space-key">{space.key}</span> {space.name}
            </>
          ) : (
            'Items'
          )}
        </Link>
      )}
      {(space?.kind === 'project' ? [OVERVIEW, ...AREAS] : AREAS).map((a) => (
        <Link key={a.area} to={a.to} params={params} aria-current={current === a.area ? 'page' : undefined} className={current === a.area ? 'active' : ''}>
          {a.label}
        </Link>
      ))}
    </nav>
  );
}
