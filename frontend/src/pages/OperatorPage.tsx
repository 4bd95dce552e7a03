import { useCallback, useState } from 'react';
import { Alert } from '../components/Alert';
import { RequireSession } from '../components/RequireSession';
import { usePageTitle } from '../components/usePageTitle';
import { Link } from '../router';
import { shortenAddress, useSession } from '../session';
import { AdminNodes } from './operator/AdminNodes';
import { ErrorsPanel, LedgerPanel, PayoutBatchesPanel, QueuePanel } from './operator/AdminPanels';

export function OperatorPage() {
  usePageTitle('Operator');
  return (
    <>
      <header className="page-head">
        <h1>Operator</h1>
        <p className="lead">
          The marketplace as a whole: every node, the queue, payouts on their way, the ledger’s
          balance and what went wrong lately.
        </p>
      </header>
      <RequireSession purpose="open the operator’s page">
        <OperatorContent />
      </RequireSession>
    </>
  );
}

function OperatorContent() {
  const { operator, session } = useSession();
  // The server's 403 settles it even when GET /api/me said nothing.
  const [refused, setRefused] = useState(false);
  const onForbidden = useCallback(() => setRefused(true), []);

  if (operator === false || refused) {
    return (
      <Alert title="403 — this page is for the marketplace’s operators">
        <p>
          The wallet you signed in with
          {session && (
            <>
              {' '}
              (<span className="mono">{shortenAddress(session.address)}</span>)
            </>
          )}{' '}
          is not an operator of this marketplace. Operators are set in the server’s configuration.
        </p>
        <p>
          Back to <Link to="/">the home page</Link>, or see the{' '}
          <Link to="/market">marketplace</Link>.
        </p>
      </Alert>
    );
  }
  return (
    <>
      <AdminNodes onForbidden={onForbidden} />
      <div className="operator-grid">
        <QueuePanel onForbidden={onForbidden} />
        <LedgerPanel onForbidden={onForbidden} />
      </div>
      <PayoutBatchesPanel onForbidden={onForbidden} />
      <ErrorsPanel onForbidden={onForbidden} />
    </>
  );
}
