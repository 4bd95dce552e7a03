import { usePageVisible } from '../../hooks';
import { Link } from '../../router';

/** While the token is unused: "Waiting for your node…". */
export function WaitingForNode({ error }: { error: string | null }) {
  const visible = usePageVisible();
  return (
    <>
      <p className="waiting__title">
        <span className="spinner" aria-hidden="true" />
        Waiting for your node…
      </p>
      <p className="muted">
        {visible
          ? 'Run one of the commands above on the GPU machine. This card changes as soon as the node connects.'
          : 'Paused while this tab is in the background.'}
      </p>
      {error && <p className="waiting__error">Could not check the token: {error} Still trying.</p>}
    </>
  );
}

export type TokenEnd = 'expired' | 'revoked' | 'unknown';

const END_TEXT: Record<TokenEnd, string> = {
  expired: 'This token has expired.',
  revoked: 'This token was revoked.',
  unknown: 'The server no longer knows this token.',
};

/** The token expired, was revoked, or vanished before a node used it. */
export function TokenEnded({ ended, onNewToken }: { ended: TokenEnd; onNewToken: () => void }) {
  return (
    <>
      <p className="waiting__title">{END_TEXT[ended]} Generate a new one to add a node.</p>
      <button type="button" className="button button--primary button--small" onClick={onNewToken}>
        Generate a new token
      </button>
    </>
  );
}

/** A node registered with the token: link to its page. */
export function NodeRegistered({ nodeId }: { nodeId: string | null }) {
  return (
    <>
      <p className="waiting__title">
        <span className="waiting__check" aria-hidden="true">
          ✓
        </span>
        Your node connected and registered with this token.
      </p>
      {nodeId ? (
        <Link to={`/hosts/nodes/${encodeURIComponent(nodeId)}`} className="button button--primary">
          Open your node
        </Link>
      ) : (
        <Link to="/hosts/nodes" className="button button--primary">
          Go to My nodes
        </Link>
      )}
    </>
  );
}
