import { useQuery } from '@tanstack/react-query';
import { collect, type Routine } from '@weft/client';
import { client } from '../../lib/api';
import { useOptimisticMutation } from '../../lib/optimistic';

// This area's query keys (kept beside it: lib/keys.ts is shared with parallel work).
export const routineKeys = {
  list: (spaceId: string) => ['routines', spaceId] as const,
  preview: (id: string) => ['routine-preview', id] as const,
};

export const useRoutines = (spaceId: string) =>
  useQuery({ queryKey: routineKeys.list(spaceId), queryFn: () => collect<Routine>((cursor) => client.routines.list(spaceId, { cursor, limit: 200 })) });

export const useRoutinePreview = (id: string | undefined, count = 6) =>
  useQuery({ queryKey: [...routineKeys.preview(id ?? ''), count], enabled: !!id, queryFn: () => client.routines.preview(id as string, count) });

const replace = (list: Routine[] | undefined, r: Routine) => list?.map((x) => (x.id === r.id ? r : x));

/** Pause or resume at once in the list; the server's answer replaces the row (version, next date). */
export function usePauseRoutine(spaceId: string) {
  return useOptimisticMutation({
    mutationFn: (v: { routine: Routine; paused: boolean }) => (v.paused ? client.routines.pause(v.routine.id) : client.routines.resume(v.routine.id)),
    keys: () => [routineKeys.list(spaceId)],
    apply: (qc, v) => qc.setQueryData<Routine[]>(routineKeys.list(spaceId), (l) => replace(l, { ...v.routine, paused: v.paused })),
    onSuccess: (qc, r) => qc.setQueryData<Routine[]>(routineKeys.list(spaceId), (l) => replace(l, r)),
    describe: (v) => `${v.paused ? 'Pausing' : 'Resuming'} “${v.routine.name}”`,
    invalidate: (v) => [routineKeys.preview(v.routine.id)],
  });
}

/** Delete at once from the list; the items it already created stay. */
export function useDeleteRoutine(spaceId: string) {
  return useOptimisticMutation({
    mutationFn: (r: Routine) => client.routines.remove(r.id),
    keys: () => [routineKeys.list(spaceId)],
    apply: (qc, r) => qc.setQueryData<Routine[]>(routineKeys.list(spaceId), (l) => l?.filter((x) => x.id !== r.id)),
    describe: (r) => `Deleting “${r.name}”`,
  });
}
