import { useCallback, useState } from 'react';
import { RequireSession } from '../components/RequireSession';
import { usePageTitle } from '../components/usePageTitle';
import { BalanceSummary } from './balance/BalanceSummary';
import { DepositPanel } from './balance/DepositPanel';
import { DepositHistory, WithdrawalHistory } from './balance/PaymentHistory';
import { WithdrawPanel } from './balance/WithdrawPanel';

export function BalancePage() {
  usePageTitle('Balance');
  return (
    <>
      <header className="page-head">
        <h1>Balance</h1>
        <p className="lead">
          What you hold on the marketplace to pay for jobs. Deposit tokens from your wallet, and
          withdraw what you do not need.
        </p>
      </header>
      <RequireSession purpose="see your balance">
        <BalanceContent />
      </RequireSession>
    </>
  );
}

function BalanceContent() {
  // Bumped when money moves, so every figure on the page is read again at once.
  const [refreshKey, setRefreshKey] = useState(0);
  const refresh = useCallback(() => setRefreshKey((n) => n + 1), []);
  return (
    <>
      <BalanceSummary refreshKey={refreshKey} />
      <div className="balance-grid">
        <DepositPanel onCredited={refresh} />
        <WithdrawPanel onWithdrawn={refresh} />
      </div>
      <DepositHistory refreshKey={refreshKey} />
      <WithdrawalHistory refreshKey={refreshKey} />
    </>
  );
}
