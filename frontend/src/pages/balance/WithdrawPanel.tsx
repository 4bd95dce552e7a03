import { useCallback, useState } from 'react';
import { ApiError, createWithdrawal, describeError } from '../../api';
import { Alert } from '../../components/Alert';
import { useToken } from '../../chain';
import { formatAmount } from '../../format';
import { useNotify } from '../../notifications';
import { useSession } from '../../session';
import { AmountForm } from './AmountForm';

/** Sends part of the available balance back to the wallet. */
export function WithdrawPanel({ onWithdrawn }: { onWithdrawn: () => void }) {
  const { http } = useSession();
  const { decimals } = useToken();
  const notify = useNotify();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<{ title: string; message: string } | null>(null);

  const withdraw = useCallback(
    async (amount: bigint) => {
      setSending(true);
      setError(null);
      try {
        await createWithdrawal(http, amount);
        notify({
          kind: 'success',
          key: 'withdrawal',
          title: 'Withdrawal requested',
          message: `${formatAmount(amount, decimals)} tokens are on their way to your wallet.`,
        });
        onWithdrawn();
      } catch (e) {
        const insufficient = e instanceof ApiError && e.code === 'INSUFFICIENT_BALANCE';
        setError({
          title: insufficient ? 'Not enough available balance' : 'The withdrawal was not made',
          message: insufficient
            ? `${describeError(e)} Tokens held for running or queued jobs cannot be withdrawn until the jobs end.`
            : describeError(e),
        });
      } finally {
        setSending(false);
      }
    },
    [http, decimals, notify, onWithdrawn],
  );

  return (
    <section className="panel" aria-labelledby="withdraw-heading">
      <h2 id="withdraw-heading">Withdraw</h2>
      <p className="muted">
        Sends tokens from your available balance to this wallet’s token account, in one Solana
        transaction.
      </p>
      <AmountForm
        label="Amount to withdraw"
        submitLabel="Withdraw"
        busyLabel="Requesting…"
        busy={sending}
        onSubmit={(amount) => void withdraw(amount)}
      />
      {error && (
        <Alert title={error.title}>
          <p>{error.message}</p>
        </Alert>
      )}
    </section>
  );
}
