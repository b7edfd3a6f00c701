import { useQuery } from '@tanstack/react-query';
import { client } from '../../lib/api';
import { qk } from '../../lib/keys';

const DAYS = 7;
const CAP = 200;

/**
 * Throughput at a glance for a stream: how many items were completed in the last 7 days, read with
 * the query language (one request, first page). A placeholder until the metrics issue brings
 * cycle time, throughput charts and cumulative flow.
 */
export function StreamThroughput({ workspaceId, spaceKey }: { workspaceId: string; spaceKey: string }) {
  const since = new Date(Date.now() - DAYS * 86_400_000).toISOString().slice(0, 10);
  const q = `space:${spaceKey} completed:>=${since}`;
  const done = useQuery({ queryKey: qk.itemQuery(workspaceId, `${q} limit:${CAP}`), queryFn: () => client.items.query(workspaceId, { q, limit: CAP }) });
  if (!done.data) return null;
  const n = done.data.data.length;
  return (
    <p className="small muted throughput" title="Cycle time, throughput charts and cumulative flow arrive with the metrics">
      Done in the last {DAYS} days: <strong>{done.data.nextCursor ? `${CAP}+` : n}</strong>
    </p>
  );
}
