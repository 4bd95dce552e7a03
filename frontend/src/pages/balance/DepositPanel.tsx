import { useCallback, useState } from 'react';
import { createDeposit, describeError, type Deposit } from '../../api';
import { Alert } from '../../components/Alert';
import { useSession } from '../../session';
import { AmountForm } from './AmountForm';
import { DepositRequest } from './DepositRequest';

/** Opens a deposit for an amount and follows it until it is credited. */
export function DepositPanel({ onCredited }: { onCredited: () => void }) {
  const { http } = useSession();
  const [deposit, setDeposit] = useState<Deposit | null>(null);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const create = useCallback(
    async (amount: bigint) => {
      setCreating(true);
      setError(null);
      try {
        setDeposit(await createDeposit(http, amount));
      } catch (e) {
        setError(describeError(e));
      } finally {
        setCreating(false);
      }
    },
    [http],
  );

  return (
    <section className="panel" aria-labelledby="deposit-form-heading">
      <h2 id="deposit-form-heading">Deposit</h2>
      {deposit ? (
        <DepositRequest
          key={deposit.id}
          initial={deposit}
          onCredited={onCredited}
          onClose={() => setDeposit(null)}
        />
      ) : (
        <>
          <p className="muted">
            Send tokens from your wallet to the marketplace to pay for jobs. You get a Solana Pay
            request to pay from this browser’s wallet or to scan with your phone.
          </p>
          <AmountForm
            label="Amount to deposit"
            submitLabel="Create deposit"
            busyLabel="Creating…"
            busy={creating}
            onSubmit={(amount) => void create(amount)}
          />
          {error && (
            <Alert title="The deposit was not created">
              <p>{error}</p>
            </Alert>
          )}
        </>
      )}
    </section>
  );
}
