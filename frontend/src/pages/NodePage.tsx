import { useCallback, useState } from 'react';
import { ApiError, describeError, getNode, type Node, type NodeDetail } from '../api';
import { LoadError } from '../components/LoadError';
import { LoadingPanel } from '../components/LoadingPanel';
import { MissingNotice } from '../components/MissingNotice';
import { OwnedPageShell } from '../components/OwnedPageShell';
import { RefreshError } from '../components/RefreshError';
import { usePageTitle } from '../components/usePageTitle';
import { usePolling } from '../hooks';
import { Link } from '../router';
import { useSession } from '../session';
import { DeleteNode } from './node/DeleteNode';
import { HardwarePanel } from './node/HardwarePanel';
import { LimitsForm } from './node/LimitsForm';
import { MaintenanceToggle } from './node/MaintenanceToggle';
import { NodeHeader } from './node/NodeHeader';
import { NodeJobs } from './node/NodeJobs';
import { PricePanel } from './node/PricePanel';
import { TelemetryPanel } from './node/TelemetryPanel';
import { TransitionList } from './node/TransitionList';

const REFRESH_MS = 15_000;

type NodeState =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'error'; message: string }
  | { kind: 'loaded'; detail: NodeDetail; refreshError: string | null };

export function NodePage({ id }: { id: string }) {
  return (
    <OwnedPageShell
      backTo="/hosts/nodes"
      backLabel="My nodes"
      title="Node"
      purpose="manage this node"
    >
      <NodeContent id={id} />
    </OwnedPageShell>
  );
}

function NodeContent({ id }: { id: string }) {
  const { http } = useSession();
  const [state, setState] = useState<NodeState>({ kind: 'loading' });
  const [reloads, setReloads] = useState(0);
  usePageTitle(state.kind === 'loaded' ? state.detail.node.name : 'Node');

  usePolling(
    async (signal) => {
      try {
        const detail = await getNode(http, id, signal);
        setState({ kind: 'loaded', detail, refreshError: null });
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof ApiError && error.status === 404) {
          setState({ kind: 'missing' });
          return;
        }
        const message = describeError(error);
        setState((s) =>
          s.kind === 'loaded' ? { ...s, refreshError: message } : { kind: 'error', message },
        );
      }
    },
    REFRESH_MS,
    { enabled: state.kind !== 'missing', restartKey: reloads },
  );

  /** A newer view of the node (from a change or a poll); the history comes with the next load. */
  const replaceNode = useCallback((node: Node) => {
    setState((s) => (s.kind === 'loaded' ? { ...s, detail: { ...s.detail, node } } : s));
  }, []);

  /** After a change of state: show it now and load the history that recorded it. */
  const changed = useCallback(
    (node: Node) => {
      replaceNode(node);
      setReloads((n) => n + 1);
    },
    [replaceNode],
  );

  const retry = () => {
    setState({ kind: 'loading' });
    setReloads((n) => n + 1);
  };

  if (state.kind === 'loading') return <LoadingPanel what="the node" />;
  if (state.kind === 'missing') {
    return (
      <MissingNotice heading="Node not found" title="This node does not exist or is not yours.">
        <p>
          Check the address, or go back to <Link to="/hosts/nodes">My nodes</Link> and pick it from
          the list.
        </p>
      </MissingNotice>
    );
  }
  if (state.kind === 'error') {
    return (
      <LoadError title="The node could not be loaded" message={state.message} onRetry={retry} />
    );
  }

  const { node, transitions } = state.detail;
  return (
    <>
      <NodeHeader node={node} onChanged={replaceNode} />
      <RefreshError error={state.refreshError} what="this page" />
      <TelemetryPanel nodeId={node.id} />
      <div className="node-grid">
        <div className="node-grid__column">
          <MaintenanceToggle node={node} onChanged={changed} />
          <PricePanel node={node} onNode={replaceNode} />
          <LimitsForm node={node} onNode={replaceNode} />
        </div>
        <div className="node-grid__column">
          <HardwarePanel hardware={node.hardware} />
          <TransitionList transitions={transitions} />
        </div>
      </div>
      <NodeJobs nodeId={node.id} />
      <DeleteNode node={node} />
    </>
  );
}
