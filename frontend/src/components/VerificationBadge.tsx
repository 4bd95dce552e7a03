import type { Verification } from '../api';

const VERIFICATION: Record<Verification, { label: string; badge: string }> = {
  verified: { label: 'verified', badge: 'pay-ok' },
  pending: { label: 'not challenged yet', badge: 'pay-wait' },
  unverified: { label: 'unverified', badge: 'pay-bad' },
};

/** A node's verification as colored text; the reason, when there is one, as its title. */
export function VerificationBadge({
  verification,
  reason,
}: {
  verification: Verification;
  reason?: string | null;
}) {
  const { label, badge } = VERIFICATION[verification] ?? VERIFICATION.pending;
  return (
    <span className={`badge badge--${badge}`} title={reason ?? undefined}>
      {label}
    </span>
  );
}
