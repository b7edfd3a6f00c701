import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { ErrorAlert } from '../../ui/Field';
import { Home } from './Home';

/** An invite link: accept it to join the workspace; the person's workspaces stay listed below. */
export function InvitePage() {
  const { token } = useParams({ from: '/invite/$token' });
  const qc = useQueryClient();
  const navigate = useNavigate();
  const accept = useMutation({
    mutationFn: () => client.invites.accept(token),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: qk.workspaces });
      await navigate({ to: '/w/$workspaceId', params: { workspaceId: r.workspaceId } });
    },
  });
  return (
    <>
      <section className="card narrow">
        <h1>You are invited</h1>
        <p>Accept the invitation to join the workspace.</p>
        <ErrorAlert error={accept.error} />
        <button type="button" onClick={() => accept.mutate()} disabled={accept.isPending}>
          Accept invite
        </button>
      </section>
      <Home />
    </>
  );
}
