import { explorerTxUrl, useToken } from '../chain';

/**
 * A transaction signature linked to the block explorer: the server's link when it gave one, else
 * one built from the cluster's explorer; plain text when there is neither.
 */
export function TxLink({ signature, href }: { signature: string; href?: string | null }) {
  const { explorerUrl } = useToken();
  const url = href ?? (explorerUrl ? explorerTxUrl(explorerUrl, signature) : null);
  const short = `${signature.slice(0, 8)}…`;
  if (!url) {
    return (
      <code className="mono" title={signature}>
        {short}
      </code>
    );
  }
  return (
    <a
      href={url}
      target="_blank"
      rel="noreferrer"
      className="mono"
      title={signature}
      aria-label={`Transaction ${signature.slice(0, 8)} on the explorer (opens a new tab)`}
    >
      {short}
    </a>
  );
}
