import { useEffect, useState } from 'react';
import type { CreatedNodeToken } from '../../api';
import { CopyableCode } from '../../components/CopyableCode';
import { Countdown } from '../../components/Countdown';
import { shortenAddress } from '../../session';
import { useTokenStatus } from './useTokenStatus';
import { NodeRegistered, TokenEnded, WaitingForNode, type TokenEnd } from './WaitingStatus';

interface NewTokenCardProps {
  token: CreatedNodeToken;
  address: string;
  revoked: boolean;
  onDismiss: () => void;
  /** Generates a replacement when this token can no longer be used. */
  onNewToken: () => void;
  /** A node registered with the token. */
  onUsed: () => void;
}

/**
 * The freshly generated token, shown this once, with the commands that use it; then follows the
 * token until a node registers with it, and links to that node.
 */
export function NewTokenCard({
  token,
  address,
  revoked,
  onDismiss,
  onNewToken,
  onUsed,
}: NewTokenCardProps) {
  const [expired, setExpired] = useState(false);
  const watch = useTokenStatus(token.id);
  const serverState = watch.status?.state;
  const used = serverState === 'used';
  let ended: TokenEnd | null = null;
  if (revoked || serverState === 'revoked') ended = 'revoked';
  else if (expired || serverState === 'expired') ended = 'expired';
  else if (watch.missing) ended = 'unknown';

  useEffect(() => {
    if (used) onUsed();
  }, [used, onUsed]);

  let status;
  if (used) status = <NodeRegistered nodeId={watch.status?.nodeId ?? null} />;
  else if (ended) status = <TokenEnded ended={ended} onNewToken={onNewToken} />;
  else status = <WaitingForNode error={watch.error} />;

  return (
    <article
      className={used ? 'token-card token-card--success' : 'token-card'}
      aria-labelledby="new-token-heading"
    >
      <div className="token-card__head">
        <h3 id="new-token-heading">
          {used ? 'Your node is registered' : 'Your registration token'}
        </h3>
        {!used && (
          <p className="token-card__expiry">
            {ended === 'revoked' ? (
              <span className="countdown countdown--expired">revoked</span>
            ) : (
              <>
                Expires in{' '}
                <Countdown expiresAt={token.expiresAt} onExpire={() => setExpired(true)} />
              </>
            )}
          </p>
        )}
      </div>
      {!used && <TokenCommands token={token} address={address} disabled={ended !== null} />}
      {/* One live region for the whole wait, so each change of its text is announced. */}
      <div className="waiting" role="status" aria-live="polite">
        {status}
      </div>
      <button type="button" className="button button--ghost button--small" onClick={onDismiss}>
        {used ? 'Dismiss' : 'Hide token'}
      </button>
    </article>
  );
}

function TokenCommands({
  token,
  address,
  disabled,
}: {
  token: CreatedNodeToken;
  address: string;
  disabled: boolean;
}) {
  return (
    <>
      <p className="muted">
        The token works once, registers one node, and binds it to the wallet you are signed in with
        (<span className="mono">{shortenAddress(address)}</span>). It is shown only now: copy it
        before you leave this page.
      </p>
      <CopyableCode
        label="Install on the GPU machine (Linux with systemd)"
        value={token.installCommand}
        disabled={disabled}
        copyLabel="Copy install command"
        primary
      />
      <CopyableCode
        label="Or run the agent yourself (Java 17 or newer)"
        value={token.agentCommand}
        disabled={disabled}
        copyLabel="Copy agent command"
      />
      <CopyableCode
        label="Token only"
        value={token.token}
        disabled={disabled}
        copyLabel="Copy token"
      />
    </>
  );
}
