import { useState } from 'react';
import { listMyNodes, NODES_PAGE_SIZE, type Node, type NodePage } from '../api';
import { LoadError } from '../components/LoadError';
import { Pager } from '../components/Pager';
import { RefreshError } from '../components/RefreshError';
import { RequireSession } from '../components/RequireSession';
import { usePageTitle } from '../components/usePageTitle';
import { usePolledLoad } from '../hooks';
import { Link } from '../router';
import { useSession } from '../session';
import { NodeTable } from './my-nodes/NodeTable';

const REFRESH_MS = 5000;

export function MyNodesPage() {
  usePageTitle('My nodes');
  return (
    <>
      <header className="page-head">
        <h1>My nodes</h1>
        <p className="lead">
          The GPU machines registered to your wallet. This list refreshes itself every few seconds.
        </p>
      </header>
      <RequireSession purpose="see your nodes">
        <MyNodesContent />
      </RequireSession>
    </>
  );
}

function MyNodesContent() {
  const { http } = useSession();
  const [page, setPage] = useState(0);
  const { state, retry } = usePolledLoad((signal) => listMyNodes(http, page, signal), REFRESH_MS, {
    view: page,
  });

  return (
    <section className="panel" aria-labelledby="nodes-heading" aria-busy={state.kind === 'loading'}>
      <div className="panel__head">
        <h2 id="nodes-heading">Your nodes</h2>
        <Link to="/hosts/add" className="button button--primary button--small">
          Add a node
        </Link>
      </div>
      {state.kind === 'loading' && <p role="status">Loading your nodes…</p>}
      {state.kind === 'error' && (
        <LoadError title="Your nodes could not be loaded" message={state.message} onRetry={retry}>
          <p>Try again; if it keeps failing, reload the page or sign in again.</p>
        </LoadError>
      )}
      {state.kind === 'loaded' && (
        <LoadedNodes
          result={state.result}
          refreshError={state.refreshError}
          page={page}
          onPage={setPage}
        />
      )}
    </section>
  );
}

interface LoadedNodesProps {
  result: NodePage;
  refreshError: string | null;
  page: number;
  onPage: (page: number) => void;
}

function LoadedNodes({ result, refreshError, page, onPage }: LoadedNodesProps) {
  if (result.total === 0) {
    return (
      <p className="empty">
        No nodes yet — <Link to="/hosts/add">add one</Link>. Generate a registration token and run
        the agent on your GPU machine; the node appears here as soon as it connects.
      </p>
    );
  }
  return (
    <>
      <RefreshError error={refreshError} what="the list" retrySeconds={REFRESH_MS / 1000} />
      <p className="sr-only" aria-live="polite">
        {countByState(result.items, result.total)}
      </p>
      <div className="table-wrap">
        <NodeTable nodes={result.items} />
      </div>
      <Pager
        page={page}
        size={result.size || NODES_PAGE_SIZE}
        total={result.total}
        onPage={onPage}
        label="Pages of nodes"
      />
    </>
  );
}

/** "3 nodes: 2 online, 1 offline", the live summary screen readers hear when states change. */
function countByState(nodes: Node[], total: number): string {
  const counts = new Map<string, number>();
  for (const node of nodes) counts.set(node.state, (counts.get(node.state) ?? 0) + 1);
  const parts = [...counts.entries()].map(([state, n]) => `${n} ${state}`);
  return `${total} node${total === 1 ? '' : 's'}: ${parts.join(', ')}`;
}
