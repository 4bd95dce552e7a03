import type { Node } from '../../api';
import type { AckState } from './limits';
import { ACK_TIMEOUT_MS } from './useLimitsAck';

/** Where the latest limits stand with the agent, in a live region. */
export function AckStatus({ ack, node }: { ack: AckState; node: Node }) {
  return (
    <div className="ack" role="status" aria-live="polite">
      <AckMessage ack={ack} node={node} />
    </div>
  );
}

function AckMessage({ ack, node }: { ack: AckState; node: Node }) {
  switch (ack.kind) {
    case 'waiting':
      return (
        <p className="ack__text">
          <span className="spinner" aria-hidden="true" />
          Waiting for the agent to acknowledge…
        </p>
      );
    case 'acknowledged':
      return <p className="ack__text ack__text--ok">✓ The agent acknowledged the new limits.</p>;
    case 'refused':
      return (
        <p className="ack__text ack__text--error">The agent refused these limits: {ack.error}</p>
      );
    case 'timeout':
      return (
        <p className="ack__text ack__text--warn">
          The agent did not answer within {ACK_TIMEOUT_MS / 1000} s.{' '}
          {node.state === 'offline'
            ? 'The node is offline: it gets the limits when it reconnects.'
            : 'Look again in a moment.'}
        </p>
      );
    default:
      if (node.limitsError) {
        return (
          <p className="ack__text ack__text--error">
            The agent refused the current limits: {node.limitsError}
          </p>
        );
      }
      return node.limitsAcknowledged ? (
        <p className="ack__text muted">The agent applies these limits.</p>
      ) : (
        <p className="ack__text muted">The agent has not acknowledged the current limits yet.</p>
      );
  }
}
