import { useEffect, useRef, useState } from 'react';
import { checkDeposit, describeError, getDeposit, type Deposit } from '../../api';
import { Alert } from '../../components/Alert';
import { CopyValue } from '../../components/CopyValue';
import { Countdown } from '../../components/Countdown';
import { PaymentBadge } from '../../components/PaymentBadge';
import { QrCode } from '../../components/QrCode';
import { TxLink } from '../../components/TxLink';
import { formatAmount } from '../../format';
import { usePolling } from '../../hooks';
import { useSession } from '../../session';
import { usePayDeposit, type PayPhase } from './usePayDeposit';

/** How often an open deposit is read back; after a payment the server is asked to look on chain. */
const POLL_MS = 3000;

const STEP_TEXT: Record<string, string> = {
  preparing: 'Preparing the transfer…',
  approving: 'Approve the transfer in your wallet…',
  sending: 'Sending it to the network…',
};

interface DepositRequestProps {
  initial: Deposit;
  /** Called once when the deposit is credited. */
  onCredited: () => void;
  onClose: () => void;
}

/** An open deposit: its Solana Pay code and link, a countdown, and paying it from the wallet. */
export function DepositRequest({ initial, onCredited, onClose }: DepositRequestProps) {
  const { http } = useSession();
  const [deposit, setDeposit] = useState(initial);
  const [checkError, setCheckError] = useState<string | null>(null);
  const [lapsed, setLapsed] = useState(initial.expired);
  const { phase, pay, unavailable } = usePayDeposit(deposit);
  // The server's flag, or the countdown reaching 0 before the server was asked again.
  const expired = lapsed || deposit.expired;
  const open = deposit.status === 'pending' && !expired;
  const amount = formatAmount(deposit.amount, deposit.decimals);

  usePolling(
    async (signal) => {
      try {
        // Once the wallet sent it, ask the server to look now rather than wait for its own scan.
        const next =
          phase.kind === 'sent'
            ? await checkDeposit(http, deposit.id, signal)
            : await getDeposit(http, deposit.id, signal);
        setDeposit(next);
        setCheckError(null);
      } catch (error) {
        if (!signal.aborted) setCheckError(describeError(error));
      }
    },
    POLL_MS,
    // An expired request is not matched any more, unless a payment was sent before it expired.
    {
      enabled: deposit.status === 'pending' && (!expired || phase.kind === 'sent'),
      restartKey: phase.kind,
    },
  );

  const credited = useRef(false);
  useEffect(() => {
    if (deposit.status === 'credited' && !credited.current) {
      credited.current = true;
      onCredited();
    }
  }, [deposit.status, onCredited]);

  return (
    <section className="panel deposit" aria-labelledby="deposit-heading">
      <div className="panel__head panel__head--wrap">
        <h3 id="deposit-heading">Deposit of {amount} tokens</h3>
        <PaymentBadge
          status={deposit.status === 'pending' && expired ? 'expired' : deposit.status}
        />
      </div>
      {deposit.status === 'credited' && (
        <Alert kind="info" title={`${amount} tokens were added to your balance.`}>
          {deposit.signature && (
            <p>
              Transaction <TxLink signature={deposit.signature} />
            </p>
          )}
          <button type="button" className="button button--small" onClick={onClose}>
            Make another deposit
          </button>
        </Alert>
      )}
      {deposit.status === 'rejected' && (
        <Alert title="The payment was not accepted">
          <p>{deposit.reason ?? 'The server refused the payment it found.'}</p>
          <button type="button" className="button button--small" onClick={onClose}>
            Start a new deposit
          </button>
        </Alert>
      )}
      {deposit.status === 'pending' && expired && phase.kind !== 'sent' && (
        <Alert title="This deposit request has expired">
          <p>A payment sent now would not be matched to it. Start a new deposit instead.</p>
          <button type="button" className="button button--small" onClick={onClose}>
            Start a new deposit
          </button>
        </Alert>
      )}
      {deposit.status === 'pending' && (!expired || phase.kind === 'sent') && (
        <div className="deposit__body">
          <div className="deposit__code">
            <QrCode value={deposit.url} label={`Solana Pay request for ${amount} tokens`} />
            <p className="muted field__help">Scan with a Solana Pay wallet on your phone.</p>
          </div>
          <div className="deposit__details">
            <dl className="facts facts--compact">
              <div className="facts__item">
                <dt>Amount</dt>
                <dd>{amount} tokens</dd>
              </div>
              <div className="facts__item">
                <dt>Expires in</dt>
                <dd>
                  <Countdown expiresAt={deposit.expiresAt} onExpire={() => setLapsed(true)} />
                </dd>
              </div>
              <div className="facts__item">
                <dt>Reference</dt>
                <dd>
                  <CopyValue label="reference" value={deposit.reference} />
                </dd>
              </div>
              <div className="facts__item">
                <dt>Payment link</dt>
                <dd>
                  <CopyValue label="payment link" value={deposit.url} keep={14} />
                </dd>
              </div>
            </dl>
            <button
              type="button"
              className="button button--primary"
              onClick={() => void pay()}
              disabled={
                !open || unavailable !== null || phase.kind === 'working' || phase.kind === 'sent'
              }
              aria-busy={phase.kind === 'working'}
            >
              Pay with connected wallet
            </button>
            {unavailable && <p className="muted field__help">{unavailable}</p>}
            <PayProgress phase={phase} />
            {checkError && (
              <p className="alert alert--info" role="status">
                Could not check the deposit ({checkError}) Trying again in a few seconds.
              </p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function PayProgress({ phase }: { phase: PayPhase }) {
  if (phase.kind === 'idle') return null;
  if (phase.kind === 'failed') {
    return (
      <Alert title="The payment was not sent">
        <p>{phase.message}</p>
        <p>If your wallet shows no transfer, try again while the request is open.</p>
      </Alert>
    );
  }
  return (
    <div className="deposit__progress" role="status" aria-live="polite">
      {phase.kind === 'working' ? (
        <p>
          <span className="spinner" aria-hidden="true" /> {STEP_TEXT[phase.step]}
        </p>
      ) : (
        <p>
          <span className="spinner" aria-hidden="true" /> Sent (
          <TxLink signature={phase.signature} />
          ). Waiting for the network to confirm it and the marketplace to credit it…
        </p>
      )}
    </div>
  );
}
