import { useCallback } from 'react';
import { getNode, orNotFound, type Node } from '../api';
import { LoadError } from '../components/LoadError';
import { LoadingPanel } from '../components/LoadingPanel';
import { MissingNotice } from '../components/MissingNotice';
import { OwnedPageShell } from '../components/OwnedPageShell';
import { RefreshError } from '../components/RefreshError';
import { usePageTitle } from '../components/usePageTitle';
import { usePolledLoad } from '../hooks';
import { Link } from '../router';
import { useSession } from '../session';
import { DeleteNode } from './node/DeleteNode';
import { HardwarePanel } from './node/HardwarePanel';
import { LimitsForm } from './node/LimitsForm';
import { MaintenanceToggle } from './node/MaintenanceToggle';
import { MarketStanding } from './node/MarketStanding';
import { NodeHeader } from './node/NodeHeader';
import { NodeJobs } from './node/NodeJobs';
import { PricePanel } from './node/PricePanel';
import { TelemetryPanel } from './node/TelemetryPanel';
import { TransitionList } from './node/TransitionList';

const REFRESH_MS = 15_000;

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
  const { state, retry, reload, update } = usePolledLoad(
    (signal) => orNotFound(getNode(http, id, signal)),
    REFRESH_MS,
    { keepPolling: (detail) => detail !== null },
  );
  usePageTitle((state.kind === 'loaded' && state.result?.node.name) || 'Node');

  /** A newer view of the node (from a change or a poll); the history comes with the next load. */
  const replaceNode = useCallback(
    (node: Node) => update((detail) => detail && { ...detail, node }),
    [update],
  );

  /** After a change of state: show it now and load the history that recorded it. */
  const changed = useCallback(
    (node: Node) => {
      replaceNode(node);
      reload();
    },
    [replaceNode, reload],
  );

  if (state.kind === 'loading') return <LoadingPanel what="the node" />;
  if (state.kind === 'error') {
    return (
      <LoadError title="The node could not be loaded" message={state.message} onRetry={retry} />
    );
  }
  if (state.result === null) {
    return (
      <MissingNotice heading="Node not found" title="This node does not exist or is not yours.">
        <p>
          Check the address, or go back to <Link to="/hosts/nodes">My nodes</Link> and pick it from
          the list.
        </p>
      </MissingNotice>
    );
  }
  const { node, transitions } = state.result;
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
          <MarketStanding node={node} onNode={replaceNode} />
          <HardwarePanel hardware={node.hardware} />
          <TransitionList transitions={transitions} />
        </div>
      </div>
      <NodeJobs nodeId={node.id} />
      <DeleteNode node={node} />
    </>
  );
}
