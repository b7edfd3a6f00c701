import { type QueryClient, type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { isWeftApiError } from '@weft/client';
import { notify } from './notices';
import { describeError, isConflict } from './problem';

type Options<V, R> = {
  mutationFn: (vars: V) => Promise<R>;
  /** Every cache entry the optimistic change touches: snapshotted before, restored on refusal. */
  keys: (vars: V) => QueryKey[];
  /** Writes the expected result into the cache at once. */
  apply: (qc: QueryClient, vars: V) => void;
  /** Writes the server's answer into the cache (versions, positions). */
  onSuccess?: (qc: QueryClient, result: R, vars: V) => void;
  /** What was attempted, for the message: "Moving OPS-4". */
  describe: (vars: V) => string;
  /** On a 409: show the record as it is now (`current`) and, if possible, the variables to reapply. */
  conflict?: { summarize: (current: unknown) => string[]; store?: (qc: QueryClient, current: unknown, vars: V) => void; reapply?: (current: unknown, vars: V) => V };
  /** Queries to refetch once the change is settled (e.g. lists whose membership may change). */
  invalidate?: (vars: V) => QueryKey[];
};

/**
 * A mutation whose result shows at once: the cache is changed before the request, restored exactly
 * if the server refuses, and the refusal is shown as a notice. A VERSION_CONFLICT says "someone
 * changed this first", lists the current values and offers to reapply the change on top of them.
 */
export function useOptimisticMutation<V, R>(o: Options<V, R>) {
  const qc = useQueryClient();
  const m = useMutation<R, unknown, V, { snapshots: [QueryKey, unknown][] }>({
    mutationFn: o.mutationFn,
    onMutate: async (vars) => {
      const keys = o.keys(vars);
      await Promise.all(keys.map((queryKey) => qc.cancelQueries({ queryKey })));
      const snapshots = keys.map((k) => [k, qc.getQueryData(k)] as [QueryKey, unknown]);
      o.apply(qc, vars);
      return { snapshots };
    },
    onError: (err, vars, ctx) => {
      for (const [k, data] of ctx?.snapshots ?? []) qc.setQueryData(k, data);
      if (isConflict(err) && isWeftApiError(err)) {
        const current = err.current;
        o.conflict?.store?.(qc, current, vars);
        const reapply = o.conflict?.reapply;
        notify({
          kind: 'error',
          title: `${o.describe(vars)} failed: someone changed this first`,
          detail: 'Your change was undone. The current values are:',
          lines: current ? (o.conflict?.summarize(current) ?? []) : [],
          action: reapply && current ? { label: 'Reapply my change', run: () => m.mutate(reapply(current, vars)) } : undefined,
        });
        return;
      }
      const d = describeError(err);
      notify({ kind: 'error', title: `${o.describe(vars)} failed and was undone`, detail: d.detail, lines: d.fields });
    },
    onSuccess: (result, vars) => o.onSuccess?.(qc, result, vars),
    onSettled: (_r, _e, vars) => {
      for (const queryKey of o.invalidate?.(vars) ?? []) void qc.invalidateQueries({ queryKey });
    },
  });
  return m;
}
