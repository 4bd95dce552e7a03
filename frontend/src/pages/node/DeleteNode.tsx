import { useCallback, useState, type FormEvent } from 'react';
import { deleteNode, describeError, type Node } from '../../api';
import { Dialog } from '../../components/Dialog';
import { useNotify } from '../../notifications';
import { useRouter } from '../../router';
import { useSession } from '../../session';

/** Delete, after typing the node's name in a confirmation dialog; then back to My nodes. */
export function DeleteNode({ node }: { node: Node }) {
  const [open, setOpen] = useState(false);
  return (
    <section className="panel panel--danger" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete this node</h2>
      <p className="muted">
        Deleting revokes the node's key for good: the agent is disconnected and cannot connect with
        it again. The node's history is kept.
      </p>
      <button type="button" className="button button--danger" onClick={() => setOpen(true)}>
        Delete node…
      </button>
      {open && <ConfirmDelete node={node} onClose={() => setOpen(false)} />}
    </section>
  );
}

function ConfirmDelete({ node, onClose }: { node: Node; onClose: () => void }) {
  const { http } = useSession();
  const notify = useNotify();
  const { navigate } = useRouter();
  const [typed, setTyped] = useState('');
  const [deleting, setDeleting] = useState(false);
  const matches = typed === node.name;

  const confirm = useCallback(
    async (event: FormEvent) => {
      event.preventDefault();
      if (!matches) return;
      setDeleting(true);
      try {
        await deleteNode(http, node.id);
        notify({
          kind: 'success',
          title: 'Node deleted',
          message: `“${node.name}” was deleted and its key revoked.`,
        });
        navigate('/hosts/nodes');
      } catch (error) {
        notify({
          kind: 'error',
          title: 'Could not delete the node',
          message: describeError(error),
        });
        setDeleting(false);
      }
    },
    [matches, http, node.id, node.name, notify, navigate],
  );

  return (
    <Dialog title={`Delete “${node.name}”?`} onClose={onClose}>
      <form className="dialog__form" onSubmit={confirm}>
        <p>
          This cannot be undone. To confirm, type the node's name, <strong>{node.name}</strong>.
        </p>
        <label htmlFor="confirm-node-name">Node name</label>
        <input
          id="confirm-node-name"
          className="input"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          disabled={deleting}
        />
        <div className="dialog__actions">
          <button type="button" className="button button--ghost" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button--danger-solid"
            disabled={!matches || deleting}
          >
            {deleting ? 'Deleting…' : 'Delete node'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
