import { useState } from 'react';
import type { CreatedNodeToken } from '../../api';
import { CopyableCode } from '../../components/CopyableCode';
import { Countdown } from '../../components/Countdown';
import { shortenAddress } from '../../session';

interface NewTokenCardProps {
  token: CreatedNodeToken;
  address: string;
  revoked: boolean;
  onDismiss: () => void;
}

/** The freshly generated token, shown this once, with the command that uses it. */
export function NewTokenCard({ token, address, revoked, onDismiss }: NewTokenCardProps) {
  const [expired, setExpired] = useState(false);
  const unusable = expired || revoked;

  return (
    <article className="token-card" aria-labelledby="new-token-heading">
      <div className="token-card__head">
        <h3 id="new-token-heading">Your registration token</h3>
        <p className="token-card__expiry">
          {revoked ? (
            <span className="countdown countdown--expired">revoked</span>
          ) : (
            <>
              Expires in <Countdown expiresAt={token.expiresAt} onExpire={() => setExpired(true)} />
            </>
          )}
        </p>
      </div>
      <p className="muted">
        The token works once, registers one node, and binds it to the wallet you are signed in with
        (<span className="mono">{shortenAddress(address)}</span>). It is shown only now: copy it
        before you leave this page.
      </p>
      {unusable && (
        <p className="alert alert--info" role="status">
          This token {revoked ? 'was revoked' : 'has expired'}. Generate a new one to add a node.
        </p>
      )}
      <CopyableCode
        label="Run this on the GPU machine"
        value={token.agentCommand}
        disabled={unusable}
        copyLabel="Copy command"
      />
      <CopyableCode
        label="Token only"
        value={token.token}
        disabled={unusable}
        copyLabel="Copy token"
      />
      <button type="button" className="button button--ghost button--small" onClick={onDismiss}>
        Hide token
      </button>
    </article>
  );
}
