import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UpdateViewInput, View } from '@weft/client';
import { client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { notify } from '../../lib/notices';
import { describeError } from '../../lib/problem';

type Patch = Omit<UpdateViewInput, 'version'>;

/**
 * Changes and deletes a saved view from the version the list showed. The server decides who may
 * (a 403 or a 409 comes back as a notice with its message); on success the list is updated in place.
 */
export function useSavedViewActions(ws: string) {
  const qc = useQueryClient();
  const done = async () => qc.invalidateQueries({ queryKey: qk.views(ws) });
  const update = useMutation({
    mutationFn: ({ view, patch }: { view: View; patch: Patch; what: string; detail?: string; quiet?: boolean }) => client.views.update(view.id, { ...patch, version: view.version }),
    onSuccess: async (saved, { detail }) => {
      qc.setQueryData<View[]>(qk.views(ws), (list) => list?.map((v) => (v.id === saved.id ? saved : v)));
      notify({ kind: 'info', title: `Saved the view “${saved.name}”`, detail });
      await done();
    },
    onError: (e, { what, view, quiet }) => {
      const d = describeError(e);
      // A dialog shows its own error (quiet); a menu action has only the notice area.
      if (!quiet) notify({ kind: 'error', title: `${what} “${view.name}” failed`, detail: d.detail, lines: d.fields });
      void done();
    },
  });
  const remove = useMutation({
    mutationFn: (view: View) => client.views.remove(view.id),
    onSuccess: async (_r, view) => {
      qc.setQueryData<View[]>(qk.views(ws), (list) => list?.filter((v) => v.id !== view.id));
      notify({ kind: 'info', title: `Deleted the view “${view.name}”` });
      await done();
    },
    onError: () => void done(),
  });
  return { update, remove };
}
