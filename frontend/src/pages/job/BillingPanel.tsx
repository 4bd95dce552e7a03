import type { JobBilling, JobRole } from '../../api';
import { useToken } from '../../chain';
import { formatAmount, formatDuration } from '../../format';

/**
 * What the job costs: the escrow held from the buyer's balance and what became of it. For the host
 * the charge less the fee is what the node earned.
 */
export function BillingPanel({ billing, role }: { billing: JobBilling | null; role: JobRole }) {
  const { decimals } = useToken();
  const tokens = (units: string | null) =>
    units === null ? '—' : `${formatAmount(units, decimals)} tokens`;
  return (
    <section className="panel" aria-labelledby="billing-heading">
      <h2 id="billing-heading">Billing</h2>
      {billing === null ? (
        <p className="muted">
          Nothing held yet: the most the job can cost is held from the balance when it is matched.
        </p>
      ) : billing.charge === null ? (
        <>
          <dl className="facts facts--wide">
            <div className="facts__item">
              <dt>Held (escrow)</dt>
              <dd>{tokens(billing.escrow)}</dd>
            </div>
          </dl>
          <p className="muted field__help">
            Not billed yet: when the job ends it is charged for the time it ran, from its node’s
            receipt, and the rest of what is held goes back to{' '}
            {role === 'buyer' ? 'your balance' : 'the buyer'}.
          </p>
        </>
      ) : (
        <BilledFigures billing={billing} role={role} tokens={tokens} />
      )}
    </section>
  );
}

function BilledFigures({
  billing,
  role,
  tokens,
}: {
  billing: JobBilling;
  role: JobRole;
  tokens: (units: string | null) => string;
}) {
  return (
    <>
      <dl className="facts facts--wide">
        <div className="facts__item">
          <dt>Held (escrow)</dt>
          <dd>{tokens(billing.escrow)}</dd>
        </div>
        <div className="facts__item">
          <dt>Billed time</dt>
          <dd>
            {billing.billedSeconds === null ? '—' : formatDuration(billing.billedSeconds * 1000)}
          </dd>
        </div>
        <div className="facts__item">
          <dt>Charged</dt>
          <dd>{tokens(billing.charge)}</dd>
        </div>
        <div className="facts__item">
          <dt>Marketplace fee</dt>
          <dd>{tokens(billing.fee)}</dd>
        </div>
        <div className="facts__item">
          <dt>{role === 'buyer' ? 'Given back to you' : 'Given back to the buyer'}</dt>
          <dd>{tokens(billing.refund)}</dd>
        </div>
      </dl>
      <p className="muted field__help">
        {billing.settled
          ? 'Settled: these figures are final.'
          : 'Not settled yet: the figures are final once the job ends and its receipt is checked.'}
      </p>
    </>
  );
}
