import { useWallet } from '@solana/wallet-adapter-react';
import { useCallback, useState } from 'react';
import type { Deposit } from '../../api';
import { useToken } from '../../chain';
import { payDeposit, type PayStep } from '../../deposits/payWithWallet';

export type PayPhase =
  | { kind: 'idle' }
  | { kind: 'working'; step: PayStep }
  | { kind: 'sent'; signature: string }
  | { kind: 'failed'; message: string };

/** "Pay with connected wallet": its phase, and whether (and why not) it can run now. */
export function usePayDeposit(deposit: Deposit) {
  const { publicKey, signTransaction, sendTransaction } = useWallet();
  const { rpcUrl } = useToken();
  const [phase, setPhase] = useState<PayPhase>({ kind: 'idle' });

  const unavailable = !publicKey
    ? 'Connect a wallet to pay from it, or scan the code with a phone wallet.'
    : !rpcUrl
      ? 'The cluster’s RPC address is not known yet.'
      : null;

  const pay = useCallback(async () => {
    if (!publicKey || !rpcUrl) return;
    try {
      const signature = await payDeposit(
        deposit,
        rpcUrl,
        { publicKey, signTransaction, sendTransaction },
        (step) => setPhase({ kind: 'working', step }),
      );
      setPhase({ kind: 'sent', signature });
    } catch (error) {
      const message =
        error instanceof Error && error.message
          ? error.message
          : 'The wallet did not send the payment.';
      setPhase({ kind: 'failed', message });
    }
  }, [deposit, publicKey, rpcUrl, signTransaction, sendTransaction]);

  return { phase, pay, unavailable };
}
