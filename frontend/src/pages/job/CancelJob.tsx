import { useCallback, useState } from 'react';
import { ApiError, cancelJob, describeError, type JobView } from '../../api';
import { Dialog } from '../../components/Dialog';
import { useNotify } from '../../notifications';
import { useSession } from '../../session';

interface CancelJobProps {
  job: JobView;
  onChanged: (job: JobView) => void;
  onStale: () => void;
}

/** Cancel, after a confirmation that says what it means in the job's current state. */
export function CancelJob({ job, onChanged, onStale }: CancelJobProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button--danger" onClick={() => setOpen(true)}>
        Cancel job…
      </button>
      {open && (
        <ConfirmCancel
          job={job}
          onClose={() => setOpen(false)}
          onChanged={onChanged}
          onStale={onStale}
        />
      )}
    </>
  );
}

function consequence(job: JobView): string {
  if (job.state === 'running') {
    return 'It is running: its node is told to stop it, and it ends when the node reports back. You pay for the time it ran.';
  }
  if (job.state === 'assigned') {
    return 'A node has taken it but not started it: it is dropped at once and costs nothing.';
  }
  return 'It has not started: it leaves the queue at once and costs nothing.';
}

function ConfirmCancel({
  job,
  onClose,
  onChanged,
  onStale,
}: CancelJobProps & { onClose: () => void }) {
  const { http } = useSession();
  const notify = useNotify();
  const [cancelling, setCancelling] = useState(false);

  const confirm = useCallback(async () => {
    setCancelling(true);
    try {
      const updated = await cancelJob(http, job.id);
      onChanged(updated);
      notify({
        kind: 'success',
        key: 'job-cancel',
        title: updated.state === 'cancelled' ? 'Job cancelled' : 'Cancellation requested',
        message:
          updated.state === 'cancelled'
            ? 'It will not run.'
            : 'The node is stopping the job; this page shows when it has ended.',
      });
      onClose();
    } catch (error) {
      notify({
        kind: 'error',
        key: 'job-cancel',
        title: 'Could not cancel the job',
        message: describeError(error),
      });
      if (error instanceof ApiError && error.code === 'JOB_FINISHED') {
        onStale();
        onClose();
      } else {
        setCancelling(false);
      }
    }
  }, [http, job.id, notify, onChanged, onClose, onStale]);

  return (
    <Dialog title="Cancel this job?" onClose={onClose}>
      <p>{consequence(job)}</p>
      <div className="dialog__actions">
        <button type="button" className="button button--ghost" onClick={onClose}>
          Keep the job
        </button>
        <button
          type="button"
          className="button button--danger-solid"
          onClick={confirm}
          disabled={cancelling}
          aria-busy={cancelling}
        >
          {cancelling ? 'Cancelling…' : 'Cancel job'}
        </button>
      </div>
    </Dialog>
  );
}
