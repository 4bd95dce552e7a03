import { useId, useState, type ReactNode } from 'react';
import type { JobView, LogChunk, LogStream } from '../../api';
import { Alert } from '../../components/Alert';
import { formatBytes } from '../../format';
import type { LogFollowOptions } from '../../jobs/logFollower';
import { isTerminal } from '../../jobs/states';
import { useJobLogs, type JobLogsState } from './useJobLogs';
import { useStickToBottom } from './useStickToBottom';

interface LogsPanelProps {
  job: JobView;
  /** The stream said the job ended. */
  onEnded: () => void;
  /** For tests: how to wait between reconnections. */
  followOptions?: LogFollowOptions;
}

type Shown = 'all' | LogStream;

/** The job's output, live: stdout and stderr told apart, following the end until scrolled up. */
export function LogsPanel(props: LogsPanelProps) {
  const [attempt, setAttempt] = useState(0);
  return (
    <section className="panel logs" aria-labelledby="logs-heading">
      <LogsView key={attempt} {...props} onRetry={() => setAttempt((n) => n + 1)} />
    </section>
  );
}

function LogsView({
  job,
  onEnded,
  followOptions,
  onRetry,
}: LogsPanelProps & { onRetry: () => void }) {
  const logs = useJobLogs(job.id, onEnded, followOptions);
  const [shown, setShown] = useState<Shown>('all');
  const {
    ref: box,
    following,
    onScroll,
    jumpToLatest,
  } = useStickToBottom<HTMLDivElement>(`${logs.chunks.length}:${shown}`);
  const filterName = useId();
  const visible = shown === 'all' ? logs.chunks : logs.chunks.filter((c) => c.stream === shown);
  const truncated = job.logsTruncated || logs.end?.truncated === true;

  return (
    <>
      <div className="panel__head panel__head--wrap">
        <h2 id="logs-heading">Output</h2>
        <ConnectionStatus logs={logs} />
        <fieldset className="segmented">
          <legend className="sr-only">Show</legend>
          {(['all', 'stdout', 'stderr'] as const).map((option) => (
            <label key={option} className="segmented__option">
              <input
                type="radio"
                name={filterName}
                value={option}
                checked={shown === option}
                onChange={() => setShown(option)}
              />
              <span>{option === 'all' ? 'All' : option}</span>
            </label>
          ))}
        </fieldset>
      </div>
      {truncated && (
        <p className="alert alert--info" role="note">
          Logs truncated: the server keeps at most its per-job cap of output (
          {formatBytes(job.logBytes)} kept), so some output is missing here.
        </p>
      )}
      {job.outputTruncated && (
        <p className="alert alert--info" role="note">
          The node forwarded only part of the output
          {job.outputBytes !== null && ` (it counted ${formatBytes(job.outputBytes)} in all)`}.
        </p>
      )}
      {logs.dropped > 0 && (
        <p className="muted field__help">
          The first {logs.dropped} chunks are not shown, to keep this page responsive.
        </p>
      )}
      {logs.error && (
        <Alert title="The output could not be loaded">
          <p>{logs.error}</p>
          <button type="button" className="button button--small" onClick={onRetry}>
            Try again
          </button>
        </Alert>
      )}
      <div className="log-wrap">
        <div
          ref={box}
          className="log"
          role="region"
          aria-label="Job output"
          tabIndex={0}
          onScroll={onScroll}
        >
          {visible.length === 0 ? (
            <p className="log__empty">{emptyText(job, logs, shown)}</p>
          ) : (
            <pre className="log__text">{renderChunks(visible)}</pre>
          )}
        </div>
        {!following && (
          <button type="button" className="button button--small log__jump" onClick={jumpToLatest}>
            ↓ Jump to latest
          </button>
        )}
      </div>
      <p className="muted field__help log__legend">
        <span className="log__swatch log__swatch--stderr" aria-hidden="true" /> stderr is shown in
        orange; pick stdout or stderr above to see one stream only.
      </p>
    </>
  );
}

function ConnectionStatus({ logs }: { logs: JobLogsState }) {
  let text: ReactNode;
  let kind = 'muted';
  if (logs.ended) text = 'Complete';
  else if (logs.error) text = 'Stopped';
  else if (logs.connection.kind === 'live') {
    kind = 'live';
    text = 'Live';
  } else if (logs.connection.kind === 'retrying') {
    kind = 'warn';
    text = `${logs.connection.reason} Reconnecting in ${Math.ceil(logs.connection.inMs / 1000)} s…`;
  } else text = 'Connecting…';
  return (
    <p className={`log-status log-status--${kind}`} role="status">
      {kind === 'live' && <span className="dot dot--ok" aria-hidden="true" />}
      {text}
    </p>
  );
}

function emptyText(job: JobView, logs: JobLogsState, shown: Shown): string {
  if (shown !== 'all' && logs.chunks.length > 0) return `Nothing on ${shown} so far.`;
  if (logs.ended || isTerminal(job.state)) return 'The job wrote no output.';
  if (job.state === 'running') return 'No output yet. It appears here as the job writes it.';
  return 'No output yet: the job has not started. Its output appears here as it runs.';
}

/** The chunks as text, stderr marked, with a rule where a new attempt's output begins. */
function renderChunks(chunks: LogChunk[]): ReactNode[] {
  const out: ReactNode[] = [];
  let previous: LogChunk | null = null;
  for (const chunk of chunks) {
    if (chunk.attempt !== (previous?.attempt ?? 1)) {
      const newline = previous && !previous.data.endsWith('\n') ? '\n' : '';
      out.push(
        <span key={`attempt-${chunk.attempt}`} className="log__attempt">
          {`${newline}── attempt ${chunk.attempt} ──\n`}
        </span>,
      );
    }
    previous = chunk;
    out.push(
      <span
        key={`${chunk.attempt}.${chunk.seq}`}
        className={chunk.stream === 'stderr' ? 'log__chunk log__chunk--stderr' : 'log__chunk'}
      >
        {chunk.data}
      </span>,
    );
  }
  return out;
}
