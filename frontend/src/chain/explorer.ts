/**
 * A transaction's page on the block explorer. The explorer address may carry a query that picks
 * the cluster (`https://explorer.solana.com/?cluster=devnet`, or a custom RPC for a local
 * validator); the query is kept as it is, after the `/tx/<signature>` path.
 */
export function explorerTxUrl(explorerUrl: string, signature: string): string {
  const queryAt = explorerUrl.indexOf('?');
  const base = queryAt < 0 ? explorerUrl : explorerUrl.slice(0, queryAt);
  const query = queryAt < 0 ? '' : explorerUrl.slice(queryAt);
  return `${base.replace(/\/+$/, '')}/tx/${encodeURIComponent(signature)}${query}`;
}
