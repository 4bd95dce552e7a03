import { useCallback, useState } from 'react';
import { describeError, listMyNodes, NODES_PAGE_SIZE, type Node, type NodePage } from '../api';
import { Alert } from '../components/Alert';
import { Pager } from '../components/Pager';
import { RequireSession } from '../components/RequireSession';
import { usePageTitle } from '../components/usePageTitle';
import { usePolling } from '../hooks';
import { Link } from '../router';
import { useSession } from '../session';
import { NodeTable } from './my-nodes/NodeTable';

const REFRESH_MS = 5000;

type ListState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'loaded'; result: NodePage; refreshError: string | null };

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
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<ListState>({ kind: 'loading' });

  usePolling(
    async (signal) => {
      try {
        const result = await listMyNodes(http, page, signal);
        setState({ kind: 'loaded', result, refreshError: null });
      } catch (error) {
        if (signal.aborted) return;
        const message = describeError(error);
        setState((previous) =>
          previous.kind === 'loaded'
            ? { ...previous, refreshError: message }
            : { kind: 'error', message },
        );
      }
    },
    REFRESH_MS,
    { restartKey: `${page}:${attempt}` },
  );

  const retry = useCallback(() => {
    setState({ kind: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const goToPage = useCallback((next: number) => {
    setState({ kind: 'loading' });
    setPage(next);
  }, []);

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
        <Alert title="Your nodes could not be loaded">
          <p>{state.message}</p>
          <p>Try again; if it keeps failing, reload the page or sign in again.</p>
          <button type="button" className="button button--small" onClick={retry}>
            Try again
          </button>
        </Alert>
      )}
      {state.kind === 'loaded' && (
        <LoadedNodes
          result={state.result}
          refreshError={state.refreshError}
          page={page}
          onPage={goToPage}
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
      {refreshError && (
        <p className="alert alert--info" role="status">
          Could not refresh the list ({refreshError}) Showing what was loaded last; retrying every{' '}
          {REFRESH_MS / 1000} s.
        </p>
      )}
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
