import type { ReactNode } from 'react';
import type { JobRole, JobView } from '../../api';
import { useToken } from '../../chain';
import { CopyValue } from '../../components/CopyValue';
import {
  formatAmount,
  formatBytes,
  formatDateTime,
  formatDuration,
  toBaseUnits,
} from '../../format';
import { useNow } from '../../hooks';
import { maxCost } from '../../jobs/cost';
import { jobDurationMs, requirementsSummary, shortId } from '../../jobs/summary';
import { Link } from '../../router';

/** What the job runs, where it may run, what it may cost, and how it went. */
export function JobDetails({ job, role }: { job: JobView; role: JobRole }) {
  const { decimals } = useToken();
  const now = useNow(1000);
  const { runtime, requirements } = job;
  const env = Object.entries(runtime.env ?? {});
  const duration = jobDurationMs(job, now);
  const tokens = (units: number | bigint) => `${formatAmount(units, decimals)} tokens`;

  return (
    <section className="panel" aria-labelledby="details-heading">
      <h2 id="details-heading">Details</h2>
      <dl className="facts facts--wide">
        <Fact term="Runtime">
          {runtime.type}
          {runtime.type === 'container' && (runtime.network ? ', with network' : ', no network')}
        </Fact>
        {runtime.image && (
          <Fact term="Image">
            <span className="mono">{runtime.image}</span>
          </Fact>
        )}
        <Fact term="Command">
          {runtime.command ? (
            <pre className="code code--compact">{runtime.command}</pre>
          ) : (
            <span className="muted">the image’s own</span>
          )}
        </Fact>
        <Fact term="Environment">
          {env.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            <ul className="env-list">
              {env.map(([name, value]) => (
                <li key={name} className="mono">
                  {name}={value}
                </li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact term="Needs">
          {requirementsSummary(requirements)}
          {requirements.minScore ? `, score ≥ ${requirements.minScore}` : ''}
        </Fact>
        <Fact term="Max price">{tokens(job.maxPricePerHour)} / hour</Fact>
        <Fact term="Price">
          {job.pricePerHour !== null ? (
            `${tokens(job.pricePerHour)} / hour`
          ) : (
            <span className="muted">set when a node takes it</span>
          )}
        </Fact>
        <Fact term="Time limit">{formatDuration(job.timeLimitSeconds * 1000)}</Fact>
        {/* At the matched price once there is one; the escrow (Billing) stays at the max price. */}
        <Fact
          term={job.pricePerHour === null ? 'Most it can cost' : 'Most it can cost at its price'}
        >
          {tokens(
            maxCost(toBaseUnits(job.pricePerHour ?? job.maxPricePerHour), job.timeLimitSeconds),
          )}
        </Fact>
        {job.startDeadline && (
          <Fact term="Start by">
            <time dateTime={job.startDeadline}>{formatDateTime(job.startDeadline)}</time>
          </Fact>
        )}
        <Fact term="Node">
          {job.nodeId ? (
            <NodeRef id={job.nodeId} linked={role === 'host'} />
          ) : (
            <span className="muted">none yet</span>
          )}
          {job.gpus.length > 0 && ` · GPU ${job.gpus.join(', ')}`}
        </Fact>
        <Fact term="Started">{job.startedAt ? <Time at={job.startedAt} /> : '—'}</Fact>
        <Fact term="Finished">{job.finishedAt ? <Time at={job.finishedAt} /> : '—'}</Fact>
        <Fact term="Duration">{duration === null ? '—' : formatDuration(duration)}</Fact>
        {job.exitCode !== null && <Fact term="Exit code">{job.exitCode}</Fact>}
        {job.outputBytes !== null && (
          <Fact term="Output">
            {formatBytes(job.outputBytes)}
            {job.outputTruncated && ', only part of it forwarded'}
          </Fact>
        )}
        {job.outputSha256 && (
          <Fact term="Output SHA-256">
            <CopyValue label="output SHA-256" value={job.outputSha256} />
          </Fact>
        )}
      </dl>
    </section>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="facts__item">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Time({ at }: { at: string }) {
  return <time dateTime={at}>{formatDateTime(at)}</time>;
}

/** A node's id; a link to its page for its host (a buyer cannot open another wallet's node). */
export function NodeRef({ id, linked }: { id: string; linked: boolean }) {
  const text = <span className="mono">{shortId(id)}</span>;
  if (!linked) return <span title={id}>{text}</span>;
  return (
    <Link to={`/hosts/nodes/${encodeURIComponent(id)}`} title={id}>
      {text}
    </Link>
  );
}
