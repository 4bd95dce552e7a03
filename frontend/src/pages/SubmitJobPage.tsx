import { RequireSession } from '../components/RequireSession';
import { usePageTitle } from '../components/usePageTitle';
import { shortId } from '../jobs/summary';
import { Link, useRouter } from '../router';
import { JobForm } from './submit-job/JobForm';
import { QueueStatus } from './submit-job/QueueStatus';

/** A node id as the address may carry it (`?node=<uuid>`); anything else is ignored. */
const NODE_ID = /^[0-9a-fA-F-]{36}$/;

export function SubmitJobPage() {
  usePageTitle('Submit a job');
  const { search, navigate } = useRouter();
  const node = new URLSearchParams(search).get('node');
  const targetNodeId = node && NODE_ID.test(node) ? node : null;
  return (
    <>
      <header className="page-head">
        <h1>Submit a job</h1>
        <p className="lead">
          Run a command or a container on a host’s GPUs. The job waits in the queue until a node
          that meets your requirements and price takes it; follow it in{' '}
          <Link to="/jobs">My jobs</Link>.
        </p>
      </header>
      {targetNodeId && (
        <section className="panel target-node" aria-labelledby="target-heading">
          <h2 id="target-heading">
            For node <span className="mono">{shortId(targetNodeId)}</span> only
          </h2>
          <p className="muted">
            This job waits for{' '}
            <Link to={`/market/${encodeURIComponent(targetNodeId)}`}>the offer you chose</Link> and
            runs on no other node. Ask for no more GPUs than it has free, at no less than its price.
          </p>
          <button
            type="button"
            className="button button--small"
            onClick={() => navigate('/jobs/new', { replace: true })}
          >
            Let any node run it
          </button>
        </section>
      )}
      <QueueStatus />
      <RequireSession purpose="submit a job">
        <JobForm targetNodeId={targetNodeId} />
      </RequireSession>
    </>
  );
}
