type Tone = 'ok' | 'wait' | 'bad';

const TONES: Record<string, Tone> = {
  credited: 'ok',
  confirmed: 'ok',
  pending: 'wait',
  sending: 'wait',
  planned: 'wait',
  signed: 'wait',
  sent: 'wait',
  rejected: 'bad',
  failed: 'bad',
  expired: 'bad',
};

/** A deposit's, withdrawal's or payout's status as colored text; the word carries the meaning. */
export function PaymentBadge({ status }: { status: string }) {
  const tone = TONES[status] ?? 'wait';
  return (
    <span className={`badge badge--pay-${tone}`}>
      <span className="badge__dot" aria-hidden="true" />
      {status}
    </span>
  );
}
