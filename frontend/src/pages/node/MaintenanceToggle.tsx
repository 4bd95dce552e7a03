import { useCallback, useState } from 'react';
import { describeError, updateNode, type Node } from '../../api';
import { useNotify } from '../../notifications';
import { useSession } from '../../session';

interface MaintenanceToggleProps {
  node: Node;
  onChanged: (node: Node) => void;
}

/** A switch for maintenance mode: the node stays connected and takes no jobs. */
export function MaintenanceToggle({ node, onChanged }: MaintenanceToggleProps) {
  const { http } = useSession();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const on = node.state === 'maintenance';

  const toggle = useCallback(async () => {
    setBusy(true);
    try {
      const updated = await updateNode(http, node.id, { maintenance: !on });
      onChanged(updated);
      notify({
        kind: 'success',
        key: 'maintenance',
        title: on ? 'Maintenance ended' : 'Maintenance started',
        message: on ? 'The node takes jobs again.' : 'The node takes no new jobs.',
      });
    } catch (error) {
      notify({
        kind: 'error',
        key: 'maintenance',
        title: on ? 'Could not end maintenance' : 'Could not start maintenance',
        message: describeError(error),
      });
    } finally {
      setBusy(false);
    }
  }, [http, node.id, on, notify, onChanged]);

  return (
    <section className="panel" aria-labelledby="maintenance-heading">
      <h2 id="maintenance-heading">Maintenance</h2>
      <button
        type="button"
        role="switch"
        aria-checked={on}
        aria-describedby="maintenance-help"
        className="switch"
        onClick={toggle}
        disabled={busy}
      >
        <span className="switch__track" aria-hidden="true">
          <span className="switch__thumb" />
        </span>
        <span>Maintenance mode</span>
        <span className="switch__state" aria-hidden="true">
          {on ? 'On' : 'Off'}
        </span>
      </button>
      <p id="maintenance-help" className="muted">
        A node in maintenance stays connected but takes no jobs. Turn it on before you work on the
        machine, and off again to offer it.
      </p>
    </section>
  );
}
