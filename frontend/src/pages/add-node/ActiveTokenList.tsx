import { useCallback, useEffect, useState } from 'react';
import { describeError, listNodeTokens, revokeNodeToken, type NodeTokenSummary } from '../../api';
import { Alert } from '../../components/Alert';
import { Countdown } from '../../components/Countdown';
import { useNotify } from '../../notifications';
import { useSession } from '../../session';

type LoadState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'loaded'; tokens: NodeTokenSummary[] };

interface ActiveTokenListProps {
  /** Changes whenever the list should be fetched again (a token was generated). */
  version: number;
  onRevoked: (id: string) => void;
}

/** Unused registration tokens of the signed-in wallet, each revocable. */
export function ActiveTokenList({ version, onRevoked }: ActiveTokenListProps) {
  const { http } = useSession();
  const notify = useNotify();
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [reloads, setReloads] = useState(0);
  const [revoking, setRevoking] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    listNodeTokens(http, controller.signal)
      .then((list) => setState({ kind: 'loaded', tokens: list.tokens }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'error', message: describeError(error) });
      });
    return () => controller.abort();
  }, [http, version, reloads]);

  const reload = useCallback(() => {
    setState({ kind: 'loading' });
    setReloads((n) => n + 1);
  }, []);

  const revoke = useCallback(
    async (id: string) => {
      setRevoking(id);
      try {
        await revokeNodeToken(http, id);
        onRevoked(id);
        notify({
          kind: 'success',
          title: 'Token revoked',
          message: 'It can no longer register a node.',
        });
        setReloads((n) => n + 1);
      } catch (error) {
        notify({
          kind: 'error',
          title: 'Could not revoke the token',
          message: describeError(error),
        });
      } finally {
        setRevoking(null);
      }
    },
    [http, notify, onRevoked],
  );

  return (
    <section
      className="panel"
      aria-labelledby="active-tokens-heading"
      aria-busy={state.kind === 'loading'}
    >
      <div className="panel__head">
        <h2 id="active-tokens-heading">Active tokens</h2>
        <button type="button" className="button button--ghost button--small" onClick={reload}>
          Refresh
        </button>
      </div>
      {state.kind === 'loading' && <p role="status">Loading your tokens…</p>}
      {state.kind === 'error' && (
        <Alert title="Your tokens could not be loaded">
          <p>{state.message}</p>
          <button type="button" className="button button--small" onClick={reload}>
            Try again
          </button>
        </Alert>
      )}
      {state.kind === 'loaded' && state.tokens.length === 0 && (
        <p className="empty">
          No unused tokens. Generate one above, then run the install command on your GPU machine
          before the token expires.
        </p>
      )}
      {state.kind === 'loaded' && state.tokens.length > 0 && (
        <ul className="token-list">
          {state.tokens.map((token) => (
            <li key={token.id} className="token-list__item">
              <div>
                <p className="mono token-list__id" title={token.id}>
                  Token {token.id.slice(0, 8)}
                </p>
                <p className="muted">
                  Created {new Date(token.createdAt).toLocaleString()} · expires in{' '}
                  <Countdown expiresAt={token.expiresAt} />
                </p>
              </div>
              <button
                type="button"
                className="button button--danger button--small"
                onClick={() => revoke(token.id)}
                disabled={revoking !== null}
                aria-label={`Revoke token ${token.id.slice(0, 8)}`}
              >
                {revoking === token.id ? 'Revoking…' : 'Revoke'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
