import { useParams } from '@tanstack/react-router';
import { useSpace } from '../../lib/queries';
import { SpaceAreaNav } from '../spaces/settings/SpaceAreaNav';
import { FormsSection } from './FormsSection';
import { TriageSection } from './TriageSection';
import './intake.css';

/** A space's intake: the request queue (triage) and the forms that feed it. */
export function IntakePage() {
  const { workspaceId, spaceId } = useParams({ strict: false }) as { workspaceId: string; spaceId: string };
  const space = useSpace(spaceId);
  return (
    <div className="area-page">
      <SpaceAreaNav workspaceId={workspaceId} space={space.data} spaceId={spaceId} current="intake" />
      <h1>Intake</h1>
      <TriageSection spaceId={spaceId} />
      <FormsSection workspaceId={workspaceId} spaceId={spaceId} />
    </div>
  );
}
