import { useToken } from '../chain';

/**
 * What the page knows of the reward token's decimals, where amounts are typed: nothing while
 * loading, a note on the assumed default, or why they are unknown with a way to ask again.
 */
export function TokenStatus() {
  const token = useToken();
  if (token.status === 'loading') {
    return <p role="status">Loading the token’s details…</p>;
  }
  if (token.status === 'fallback') {
    return (
      <p className="muted field__help">
        The server did not say how many decimals its token has; amounts here assume {token.decimals}
        .
      </p>
    );
  }
  if (token.status === 'error') {
    return (
      <div className="alert alert--error" role="alert">
        <p className="alert__title">The token’s details could not be loaded</p>
        <p>
          {token.problem} Amounts cannot be sent until they are known; this page asks again every
          few seconds.
        </p>
        <button type="button" className="button button--small" onClick={token.retry}>
          Try again now
        </button>
      </div>
    );
  }
  return null;
}
