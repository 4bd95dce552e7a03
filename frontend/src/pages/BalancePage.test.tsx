import {
  Keypair,
  Transaction,
  type Transaction as Tx,
  type VersionedTransaction,
} from '@solana/web3.js';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_PROGRAM_ID } from '../deposits/transfer';
import { json, stubApi, type Handler, type RecordedCall } from '../test/fakeApi';
import { sessionFor, storeSession } from '../test/fixtures';
import { fakeWallet, renderApp } from '../test/harness';
import { CHAIN } from '../test/jobFixtures';
import {
  DEPOSIT_ID,
  REFERENCE,
  TX_SIGNATURE,
  balance,
  deposit,
  list,
  withdrawal,
} from '../test/paymentFixtures';

const PAYER = Keypair.fromSeed(new Uint8Array(32).fill(3));
const ADDRESS = PAYER.publicKey.toBase58();
const BLOCKHASH = 'EETubP5AKHgjPAhzPAFcb8BAY1hMH639CWCFTqi3hq1k';

function routes(extra: Record<string, Handler | Handler[]> = {}) {
  return {
    'GET /api/me': () => json(200, { address: ADDRESS }),
    'GET /api/chain': () =>
      json(200, { ...CHAIN, explorerUrl: 'https://explorer.solana.com/?cluster=devnet' }),
    'GET /api/balance': () => json(200, balance()),
    'GET /api/deposits': () => json(200, list([])),
    'GET /api/withdrawals': () => json(200, list([])),
    ...extra,
  };
}

/** The cluster's JSON-RPC (CHAIN.rpcUrl is http://localhost:8899, so its path is "/"). */
function rpc(sent: Tx[]): Handler {
  return (call: RecordedCall) => {
    const { id, method, params } = call.body as { id: number; method: string; params: unknown[] };
    const answer = (result: unknown) => json(200, { jsonrpc: '2.0', id, result });
    if (method === 'getAccountInfo')
      return answer({ value: { owner: TOKEN_PROGRAM_ID.toBase58() } });
    if (method === 'getLatestBlockhash') {
      return answer({ value: { blockhash: BLOCKHASH, lastValidBlockHeight: 500 } });
    }
    if (method === 'sendTransaction') {
      const bytes = Uint8Array.from(atob(params[0] as string), (c) => c.charCodeAt(0));
      sent.push(Transaction.from(bytes));
      return answer(TX_SIGNATURE);
    }
    return json(200, { jsonrpc: '2.0', id, error: { code: -32601, message: 'no such method' } });
  };
}

function payingWallet() {
  const wallet = fakeWallet({ address: ADDRESS });
  wallet.state.signTransaction = async <T extends Tx | VersionedTransaction>(tx: T) => {
    (tx as Tx).partialSign(PAYER);
    return tx;
  };
  return wallet.state;
}

describe('Balance', () => {
  beforeEach(() => storeSession(sessionFor(ADDRESS)));

  it('shows the balance and says there is no history yet', async () => {
    stubApi(routes());
    renderApp(payingWallet(), '/balance');
    const summary = await screen.findByRole('region', { name: 'Balance' });
    expect(summary).toHaveTextContent('Available12.5 tokens');
    expect(summary).toHaveTextContent('Held for your jobs2');
    expect(summary).toHaveTextContent('Earnings pending0.75');
    expect(summary).toHaveTextContent('Earnings paid31');
    expect(await screen.findByText('No deposits yet.')).toBeVisible();
    expect(await screen.findByText('No withdrawals yet.')).toBeVisible();
  });

  it('opens a deposit, pays it from the wallet with the reference, and follows it to credited', async () => {
    const sent: Tx[] = [];
    let balanceReads = 0;
    const api = stubApi(
      routes({
        'GET /api/balance': () =>
          json(200, balance({ available: ++balanceReads > 1 ? '37500000' : '12500000' })),
        'POST /api/deposits': () => json(201, deposit()),
        [`GET /api/deposits/${DEPOSIT_ID}`]: () => json(200, deposit()),
        [`POST /api/deposits/${DEPOSIT_ID}/check`]: () =>
          json(200, deposit({ status: 'credited', signature: TX_SIGNATURE })),
        'POST /': rpc(sent),
      }),
    );
    renderApp(payingWallet(), '/balance');
    const user = userEvent.setup();
    const field = await screen.findByRole('textbox', { name: 'Amount to deposit' });
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Create deposit' })).toBeEnabled(),
    );
    await user.type(field, '25');
    await user.click(screen.getByRole('button', { name: 'Create deposit' }));

    const request = await screen.findByRole('region', { name: 'Deposit of 25 tokens' });
    expect(api.callsTo('POST', '/api/deposits')[0].body).toEqual({ amount: '25000000' });
    const qr = within(request).getByRole('img', { name: 'Solana Pay request for 25 tokens' });
    expect(qr.tagName.toLowerCase()).toBe('svg');
    expect(qr.querySelector('path')!.getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    expect(within(request).getByRole('button', { name: 'Copy reference' })).toBeVisible();
    expect(within(request).getByRole('timer')).toHaveTextContent(/^1[45]:\d\d$/);

    await user.click(within(request).getByRole('button', { name: 'Pay with connected wallet' }));
    expect(await within(request).findByText(/added to your balance/)).toBeVisible();

    // The transaction the wallet signed and the app sent.
    expect(sent).toHaveLength(1);
    expect(sent[0].verifySignatures()).toBe(true);
    expect(sent[0].recentBlockhash).toBe(BLOCKHASH);
    const [memo, transfer] = sent[0].instructions;
    expect(new TextDecoder().decode(memo.data)).toBe('rigshare:deposit:1');
    expect([...transfer.data]).toEqual([12, 0x40, 0x78, 0x7d, 0x01, 0, 0, 0, 0, 6]); // 25,000,000
    expect(transfer.keys.at(-1)!.pubkey.toBase58()).toBe(REFERENCE);
    expect(api.callsTo('POST', `/api/deposits/${DEPOSIT_ID}/check`).length).toBeGreaterThan(0);

    // Money moved: the balance is read again.
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Balance' })).toHaveTextContent('Available37.5'),
    );
  });

  it('says when the wallet refuses to sign, and lets the person try again', async () => {
    const sent: Tx[] = [];
    stubApi(
      routes({
        'POST /api/deposits': () => json(201, deposit()),
        [`GET /api/deposits/${DEPOSIT_ID}`]: () => json(200, deposit()),
        'POST /': rpc(sent),
      }),
    );
    const wallet = payingWallet();
    wallet.signTransaction = async () => {
      throw new Error('User rejected the request.');
    };
    renderApp(wallet, '/balance');
    const user = userEvent.setup();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Create deposit' })).toBeEnabled(),
    );
    await user.type(screen.getByRole('textbox', { name: 'Amount to deposit' }), '25');
    await user.click(screen.getByRole('button', { name: 'Create deposit' }));
    await user.click(await screen.findByRole('button', { name: 'Pay with connected wallet' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The payment was not sent');
    expect(alert).toHaveTextContent('User rejected the request.');
    expect(sent).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Pay with connected wallet' })).toBeEnabled();
  });

  it('shows an expired request as expired, with no way to pay it', async () => {
    stubApi(
      routes({
        'POST /api/deposits': () =>
          json(201, deposit({ expiresAt: new Date(Date.now() - 1000).toISOString() })),
        [`GET /api/deposits/${DEPOSIT_ID}`]: () => json(200, deposit({ expired: true })),
      }),
    );
    renderApp(payingWallet(), '/balance');
    const user = userEvent.setup();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Create deposit' })).toBeEnabled(),
    );
    await user.type(screen.getByRole('textbox', { name: 'Amount to deposit' }), '25');
    await user.click(screen.getByRole('button', { name: 'Create deposit' }));
    expect(await screen.findByText('This deposit request has expired')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Pay with connected wallet' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Start a new deposit' }));
    expect(screen.getByRole('textbox', { name: 'Amount to deposit' })).toBeVisible();
  });

  it('refuses a withdrawal over the available balance with the server’s reason', async () => {
    const api = stubApi(
      routes({
        'POST /api/withdrawals': () =>
          json(422, {
            code: 'INSUFFICIENT_BALANCE',
            message: 'Only 12.5 tokens are available.',
          }),
      }),
    );
    renderApp(payingWallet(), '/balance');
    const user = userEvent.setup();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Withdraw' })).toBeEnabled());
    await user.type(screen.getByRole('textbox', { name: 'Amount to withdraw' }), '100');
    await user.click(screen.getByRole('button', { name: 'Withdraw' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not enough available balance');
    expect(alert).toHaveTextContent('Only 12.5 tokens are available.');
    expect(api.callsTo('POST', '/api/withdrawals')[0].body).toEqual({ amount: '100000000' });
  });

  it('checks an amount before sending it', async () => {
    const api = stubApi(routes());
    renderApp(payingWallet(), '/balance');
    const user = userEvent.setup();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Withdraw' })).toBeEnabled());
    await user.type(screen.getByRole('textbox', { name: 'Amount to withdraw' }), '1.0000001');
    await user.click(screen.getByRole('button', { name: 'Withdraw' }));
    expect(screen.getByText('At most 6 decimal places.')).toBeVisible();
    expect(api.callsTo('POST', '/api/withdrawals')).toHaveLength(0);
  });

  it('lists deposits and withdrawals with explorer links', async () => {
    stubApi(
      routes({
        'GET /api/deposits': () =>
          json(200, list([deposit({ status: 'credited', signature: TX_SIGNATURE })], true)),
        'GET /api/withdrawals': () =>
          json(
            200,
            list([
              withdrawal(),
              withdrawal({
                id: 'w2',
                status: 'failed',
                signature: null,
                error: 'blockhash expired',
              }),
            ]),
          ),
      }),
    );
    renderApp(payingWallet(), '/balance');
    const deposits = await screen.findByRole('table', { name: 'Your deposits, newest first' });
    expect(within(deposits).getByText('credited')).toBeVisible();
    expect(within(deposits).getByRole('link', { name: /Transaction 3AsdoALg/ })).toHaveAttribute(
      'href',
      `https://explorer.solana.com/tx/${TX_SIGNATURE}?cluster=devnet`,
    );
    expect(screen.getByRole('navigation', { name: 'Pages of deposits' })).toBeVisible();
    const withdrawals = screen.getByRole('table', { name: 'Your withdrawals, newest first' });
    const rows = within(withdrawals).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('5confirmed');
    expect(rows[1]).toHaveTextContent('failedblockhash expired');
  });

  it('says when the balance cannot be loaded and retries', async () => {
    stubApi(
      routes({
        'GET /api/balance': [
          () => json(500, { code: 'INTERNAL', message: 'Something broke (id 42).' }),
          () => json(200, balance()),
        ],
      }),
    );
    renderApp(payingWallet(), '/balance');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your balance could not be loaded');
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('region', { name: 'Balance' })).toHaveTextContent(
      'Available12.5',
    );
  });
});
