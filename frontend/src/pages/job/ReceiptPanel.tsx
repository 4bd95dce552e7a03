import type { JobReceipt, JobState } from '../../api';
import { CopyValue } from '../../components/CopyValue';
import { JobStateBadge } from '../../components/JobStateBadge';
import { formatBytes, formatDateTime } from '../../format';
import { isTerminal } from '../../jobs/states';

/** The usage receipt the finishing node signed with its key; billing reads only these. */
export function ReceiptPanel({ receipt, state }: { receipt: JobReceipt | null; state: JobState }) {
  return (
    <section className="panel" aria-labelledby="receipt-heading">
      <h2 id="receipt-heading">Receipt</h2>
      {receipt ? (
        <dl className="facts facts--wide">
          <div className="facts__item">
            <dt>Outcome</dt>
            <dd>
              <JobStateBadge state={receipt.outcome} /> (attempt {receipt.attempt})
            </dd>
          </div>
          <div className="facts__item">
            <dt>Node key</dt>
            <dd>
              <CopyValue label="node key" value={receipt.nodeKey} />
            </dd>
          </div>
          <div className="facts__item">
            <dt>Ran</dt>
            <dd>
              <time dateTime={receipt.startedAt}>{formatDateTime(receipt.startedAt)}</time> to{' '}
              <time dateTime={receipt.endedAt}>{formatDateTime(receipt.endedAt)}</time>
            </dd>
          </div>
          <div className="facts__item">
            <dt>Exit code</dt>
            <dd>{receipt.exitCode ?? <span className="muted">none (stopped)</span>}</dd>
          </div>
          <div className="facts__item">
            <dt>Output</dt>
            <dd>{formatBytes(receipt.outputBytes)}</dd>
          </div>
          <div className="facts__item">
            <dt>Result SHA-256</dt>
            <dd>
              <CopyValue label="result SHA-256" value={receipt.resultSha256} />
            </dd>
          </div>
          <div className="facts__item">
            <dt>Signature</dt>
            <dd>
              <CopyValue label="signature" value={receipt.signature} />
            </dd>
          </div>
          <div className="facts__item">
            <dt>Verified</dt>
            <dd>
              <time dateTime={receipt.verifiedAt}>{formatDateTime(receipt.verifiedAt)}</time>
            </dd>
          </div>
        </dl>
      ) : (
        <p className="muted">
          {isTerminal(state)
            ? 'This job has no receipt: it ended without a node finishing it, so nothing is billed.'
            : 'The node that finishes the job signs a usage receipt; it appears here then.'}
        </p>
      )}
    </section>
  );
}
