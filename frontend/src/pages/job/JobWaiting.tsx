import type { JobWaiting as Waiting } from '../../api';
import { Link } from '../../router';

export const INSUFFICIENT_BALANCE = 'INSUFFICIENT_BALANCE';

/**
 * Why a queued job is not being matched. Waiting for funds says so plainly and leads to the
 * Balance page; any other reason shows the server's words.
 */
export function JobWaiting({ waiting }: { waiting: Waiting }) {
  if (waiting.code === INSUFFICIENT_BALANCE) {
    return (
      <div className="alert alert--info" role="status">
        <p className="alert__title">Waiting for funds</p>
        <div className="alert__body">
          <p>{waiting.message}</p>
          <p>
            No node takes it until your balance covers its most possible cost.{' '}
            <Link to="/balance">Deposit tokens</Link> and it is matched on its own.
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="alert alert--info" role="status">
      <p className="alert__title">Waiting</p>
      <div className="alert__body">
        <p>{waiting.message}</p>
      </div>
    </div>
  );
}
