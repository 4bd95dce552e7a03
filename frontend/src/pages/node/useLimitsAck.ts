import { useCallback, useState } from 'react';
import { getNode, type Node } from '../../api';
import { usePolling } from '../../hooks';
import { useSession } from '../../session';
import { ackOf, type AckState } from './limits';

export const ACK_POLL_MS = 2000;
export const ACK_TIMEOUT_MS = 60_000;

/**
 * After new limits were sent: polls the node every 2 s (for at most 60 s) until the agent
 * acknowledges or refuses them. Each fetched node goes to `onNode` so the page stays current.
 */
export function useLimitsAck(nodeId: string, onNode: (node: Node) => void) {
  const { http } = useSession();
  const [ack, setAck] = useState<AckState>({ kind: 'idle' });

  usePolling(
    async (signal) => {
      if (ack.kind !== 'waiting') return;
      if (Date.now() - ack.since >= ACK_TIMEOUT_MS) {
        setAck({ kind: 'timeout' });
        return;
      }
      // A failed poll is retried on the next beat; the timeout still applies.
      const detail = await getNode(http, nodeId, signal);
      onNode(detail.node);
      const answer = ackOf(detail.node);
      if (answer) setAck(answer);
    },
    ACK_POLL_MS,
    { enabled: ack.kind === 'waiting', restartKey: ack.kind === 'waiting' ? ack.since : 0 },
  );

  /** Starts waiting for the answer to limits just sent (unless `sent` already carries it). */
  const sent = useCallback((node: Node) => {
    setAck(ackOf(node) ?? { kind: 'waiting', since: Date.now() });
  }, []);

  return { ack, sent };
}
