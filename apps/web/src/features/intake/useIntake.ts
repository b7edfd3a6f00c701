import { useQuery } from '@tanstack/react-query';
import { collect, type Field, type Form, type IntakeRequest } from '@weft/client';
import { client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { useOptimisticMutation } from '../../lib/optimistic';

export type RequestState = IntakeRequest['state'];

// This area's query keys (kept beside it: lib/keys.ts is shared with parallel work).
export const intakeKeys = {
  forms: (spaceId: string) => ['forms', spaceId] as const,
  requests: (spaceId: string, state: RequestState) => ['requests', spaceId, state] as const,
  requestsAll: (spaceId: string) => ['requests', spaceId] as const,
  spaceFields: (ws: string, spaceId: string) => ['space-fields', ws, spaceId] as const,
};

export const useForms = (spaceId: string) => useQuery({ queryKey: intakeKeys.forms(spaceId), queryFn: async (): Promise<Form[]> => (await client.forms.list(spaceId)).data });

export const useRequests = (spaceId: string, state: RequestState) =>
  useQuery({
    queryKey: intakeKeys.requests(spaceId, state),
    queryFn: () => collect<IntakeRequest>((cursor) => client.requests.list(spaceId, { state, cursor, limit: 200 })),
    // SLA states move with the clock: keep the queue fresh while it is on screen.
    refetchInterval: 60_000,
  });

/** The custom fields usable in a space (workspace-wide and the space's own). */
export const useSpaceFields = (ws: string, spaceId: string) =>
  useQuery({ queryKey: intakeKeys.spaceFields(ws, spaceId), queryFn: () => collect<Field>((cursor) => client.fields.list(ws, { spaceId, cursor, limit: 200 })) });

export type Decision = { request: IntakeRequest } & ({ kind: 'accept' } | { kind: 'decline'; reason: string } | { kind: 'merge'; into: string });

/** Accept, decline or merge: the request leaves the triage queue at once and comes back if the server refuses. */
export function useTriage(spaceId: string) {
  return useOptimisticMutation({
    mutationFn: (d: Decision) =>
      d.kind === 'accept' ? client.requests.accept(d.request.id) : d.kind === 'decline' ? client.requests.decline(d.request.id, d.reason) : client.requests.merge(d.request.id, d.into),
    keys: () => [intakeKeys.requests(spaceId, 'triage')],
    apply: (qc, d) => qc.setQueryData<IntakeRequest[]>(intakeKeys.requests(spaceId, 'triage'), (l) => l?.filter((r) => r.id !== d.request.id)),
    describe: (d) => `${d.kind === 'accept' ? 'Accepting' : d.kind === 'decline' ? 'Declining' : 'Merging'} ${d.request.reference}`,
    invalidate: () => [intakeKeys.requestsAll(spaceId), qk.board(spaceId)],
  });
}
