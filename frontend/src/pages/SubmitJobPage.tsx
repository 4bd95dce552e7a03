import { RequireSession } from '../components/RequireSession';
import { usePageTitle } from '../components/usePageTitle';
import { Link } from '../router';
import { JobForm } from './submit-job/JobForm';
import { QueueStatus } from './submit-job/QueueStatus';

export function SubmitJobPage() {
  usePageTitle('Submit a job');
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
      <QueueStatus />
      <RequireSession purpose="submit a job">
        <JobForm />
      </RequireSession>
    </>
  );
}
