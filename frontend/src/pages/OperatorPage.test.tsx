import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { json, stubApi, type Handler } from '../test/fakeApi';
import { sessionFor, storeSession } from '../test/fixtures';
import { OTHER_ADDRESS, WALLET_ADDRESS, fakeWallet, renderApp } from '../test/harness';
import { CHAIN, QUEUE_STATS } from '../test/jobFixtures';
import { NODE_ID } from '../test/nodeFixtures';
import { TX_SIGNATURE } from '../test/paymentFixtures';

const ADMIN_NODE = {
  id: NODE_ID,
  name: 'rig-01',
  owner: OTHER_ADDRESS,
  state: 'online',
  verification: 'verified',
  gpuModel: 'NVIDIA GeForce RTX 4090',
  gpuCount: 2,
  lastSeenAt: new Date(Date.now() - 5000).toISOString(),
};

function routes(operator: boolean, extra: Record<string, Handler | Handler[]> = {}) {
  return {
    'GET /api/me': () => json(200, { address: WALLET_ADDRESS, operator }),
    'GET /api/chain': () => json(200, CHAIN),
    'GET /api/admin/nodes': () => json(200, { items: [ADMIN_NODE], hasMore: false }),
    'GET /api/queue/stats': () => json(200, QUEUE_STATS),
    'GET /api/admin/payouts': () =>
      json(200, {
        items: [
          {
            batchId: 'b1000000-0000-4000-8000-000000000001',
            status: 'sent',
            items: 14,
            amount: '21000000',
            signature: TX_SIGNATURE,
            attempts: 2,
            updatedAt: new Date(Date.now() - 30_000).toISOString(),
            error: null,
          },
        ],
      }),
    'GET /api/admin/ledger/check': () =>
      json(200, {
        ok: false,
        accounts: 120,
        transfers: 4521,
        sum: '5',
        problems: ['account 7 is negative'],
        treasuryOnChain: '90000000',
        liabilities: '87500000',
      }),
    'GET /api/admin/errors': () =>
      json(200, {
        items: [
          {
            at: new Date(Date.now() - 60_000).toISOString(),
            source: 'PayoutJob',
            message: 'RPC timed out',
          },
        ],
      }),
    ...extra,
  };
}

describe('Operator', () => {
  beforeEach(() => storeSession(sessionFor()));

  it('shows nodes, queue, ledger, payouts in flight and recent errors to an operator', async () => {
    stubApi(routes(true));
    renderApp(fakeWallet().state, '/operator');
    expect(await screen.findByRole('link', { name: 'Operator' })).toHaveAttribute(
      'aria-current',
      'page',
    );

    const nodes = await screen.findByRole('table', { name: 'All nodes' });
    const row = within(nodes).getAllByRole('row')[1];
    expect(row).toHaveTextContent('rig-01');
    expect(within(row).getByText('online')).toHaveClass('badge--online');
    expect(row).toHaveTextContent('verified');
    expect(row).toHaveTextContent('2 × NVIDIA GeForce RTX 4090');

    const queue = screen.getByRole('region', { name: 'Queue' });
    await waitFor(() => expect(queue).toHaveTextContent('queued3'));
    expect(queue).toHaveTextContent('running12');

    const ledger = screen.getByRole('region', { name: 'Ledger check' });
    await waitFor(() => expect(ledger).toHaveTextContent('The ledger does not balance.'));
    expect(ledger).toHaveTextContent('Sum of all accounts0.000005');
    expect(ledger).toHaveTextContent('Owed to users87.5');
    expect(ledger).toHaveTextContent('Treasury on chain90');
    expect(within(ledger).getByRole('list', { name: 'Ledger problems' })).toHaveTextContent(
      'account 7 is negative',
    );

    const batches = await screen.findByRole('table', { name: 'Payout batches in flight' });
    expect(within(batches).getAllByRole('row')[1]).toHaveTextContent('b1000000sent1421');
    const errors = await screen.findByRole('list', { name: 'Recent errors, newest first' });
    expect(errors).toHaveTextContent('PayoutJobRPC timed out');
  });

  it('filters the nodes by state', async () => {
    const api = stubApi(routes(true));
    renderApp(fakeWallet().state, '/operator');
    await screen.findByRole('table', { name: 'All nodes' });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'State' }), 'offline');
    await waitFor(() =>
      expect(api.callsTo('GET', '/api/admin/nodes').at(-1)!.query).toEqual({
        limit: '50',
        offset: '0',
        state: 'offline',
      }),
    );
  });

  it('hides the entry from others and answers them with a clear 403, asking nothing of the admin API', async () => {
    const api = stubApi(routes(false));
    renderApp(fakeWallet().state, '/operator');
    expect(
      await screen.findByText('403 — this page is for the marketplace’s operators'),
    ).toBeVisible();
    expect(screen.queryByRole('link', { name: 'Operator' })).toBeNull();
    expect(screen.getByRole('navigation', { name: 'Main' })).toHaveTextContent('Balance');
    expect(api.calls.filter((c) => c.path.startsWith('/api/admin/'))).toHaveLength(0);
  });

  it('shows the 403 state when the server refuses, whatever /api/me said', async () => {
    const forbidden = () => json(403, { code: 'FORBIDDEN', message: 'operators only' });
    stubApi(
      routes(true, {
        'GET /api/admin/nodes': forbidden,
        'GET /api/admin/payouts': forbidden,
        'GET /api/admin/ledger/check': forbidden,
        'GET /api/admin/errors': forbidden,
      }),
    );
    renderApp(fakeWallet().state, '/operator');
    expect(
      await screen.findByText('403 — this page is for the marketplace’s operators'),
    ).toBeVisible();
  });

  it('says when one view cannot be loaded, and retries it alone', async () => {
    stubApi(
      routes(true, {
        'GET /api/admin/errors': [
          () => json(500, { code: 'INTERNAL', message: 'Unexpected error (id 9).' }),
          () => json(200, { items: [] }),
        ],
      }),
    );
    renderApp(fakeWallet().state, '/operator');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Recent errors: could not be loaded');
    expect(await screen.findByRole('table', { name: 'All nodes' })).toBeVisible();
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No recent errors.')).toBeVisible();
  });
});
