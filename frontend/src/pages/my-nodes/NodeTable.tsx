import type { Node } from '../../api';
import { RelativeTime } from '../../components/RelativeTime';
import { StateBadge } from '../../components/StateBadge';
import { VerificationBadge } from '../../components/VerificationBadge';
import { Link } from '../../router';
import { cpuSummary, gpuSummary, limitsStatus, ramSummary } from '../../nodes/summary';

const LIMITS_TEXT = {
  acknowledged: 'acknowledged',
  pending: 'pending',
  refused: 'refused',
} as const;

/** The wallet's nodes as a table; below 700 px each row becomes a card (see styles.css). */
export function NodeTable({ nodes }: { nodes: Node[] }) {
  return (
    <table className="data-table">
      <caption className="sr-only">Your nodes</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">State</th>
          <th scope="col">GPUs</th>
          <th scope="col">Verification</th>
          <th scope="col">CPU</th>
          <th scope="col">RAM</th>
          <th scope="col">Last heartbeat</th>
          <th scope="col">Limits</th>
        </tr>
      </thead>
      <tbody>
        {nodes.map((node) => (
          <NodeRow key={node.id} node={node} />
        ))}
      </tbody>
    </table>
  );
}

function NodeRow({ node }: { node: Node }) {
  const gpus = gpuSummary(node.hardware);
  const limits = limitsStatus(node);
  return (
    <tr>
      <th scope="row" className="data-table__name">
        <Link to={`/hosts/nodes/${encodeURIComponent(node.id)}`}>{node.name}</Link>
      </th>
      <td data-label="State" className="data-table__nowrap">
        <StateBadge state={node.state} />
      </td>
      <td data-label="GPUs">
        {gpus.length === 0 ? (
          <span className="muted">{node.hardware ? 'no GPU' : 'not reported yet'}</span>
        ) : (
          gpus.map((line) => (
            <span key={line} className="data-table__line">
              {line}
            </span>
          ))
        )}
      </td>
      <td data-label="Verification">
        {node.verification ? (
          <>
            <VerificationBadge verification={node.verification} reason={node.verificationReason} />
            {node.score != null && (
              <span className="data-table__line muted">score {node.score.toLocaleString()}</span>
            )}
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td data-label="CPU">{cpuSummary(node.hardware) ?? <span className="muted">—</span>}</td>
      <td data-label="RAM" className="data-table__nowrap">
        {ramSummary(node.hardware) ?? <span className="muted">—</span>}
      </td>
      <td data-label="Last heartbeat" className="data-table__nowrap">
        <RelativeTime at={node.lastHeartbeatAt} />
      </td>
      <td data-label="Limits" className="data-table__nowrap">
        <span
          className={`limits-status limits-status--${limits}`}
          title={node.limitsError ?? undefined}
        >
          {LIMITS_TEXT[limits]}
        </span>
      </td>
    </tr>
  );
}
