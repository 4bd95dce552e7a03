import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { json, stubApi, type Handler } from '../test/fakeApi';
import { sessionFor, storeSession } from '../test/fixtures';
import { WALLET_ADDRESS, fakeWallet, renderApp } from '../test/harness';
import { CHAIN } from '../test/jobFixtures';
import { NODE_ID } from '../test/nodeFixtures';
import { TX_SIGNATURE, list, payout } from '../test/paymentFixtures';

// uPlot needs a real browser (canvas, matchMedia); the chart's series are tested in range.test.ts.
vi.mock('../components/UPlotChart', () => ({ UPlotChart: () => null }));

const EXPLORER = 'https://explorer.solana.com/?cluster=custom&customUrl=http://localhost:8899';

function earnings(groupBy: 'day' | 'node', rows: unknown[]) {
  return {
    from: '2026-02-01',
    to: '2026-02-28',
    groupBy,
    rows,
    totals: { jobs: 7, billedSeconds: 5400, earned: '3250000', pending: '750000', paid: '2500000' },
  };
}

const DAY_ROWS = [
  {
    key: '2026-02-10',
    label: '2026-02-10',
    jobs: 4,
    billedSeconds: 3600,
    earned: '2000000',
    pending: '0',
    paid: '2000000',
  },
  {
    key: '2026-02-11',
    label: '2026-02-11',
    jobs: 3,
    billedSeconds: 1800,
    earned: '1250000',
    pending: '750000',
    paid: '500000',
  },
];
const NODE_ROWS = [
  {
    key: NODE_ID,
    label: 'rig-01',
    jobs: 7,
    billedSeconds: 5400,
    earned: '3250000',
    pending: '750000',
    paid: '2500000',
  },
];

function routes(extra: Record<string, Handler | Handler[]> = {}) {
  return {
    'GET /api/me': () => json(200, { address: WALLET_ADDRESS }),
    'GET /api/chain': () => json(200, { ...CHAIN, explorerUrl: EXPLORER }),
    'GET /api/earnings': ((call) =>
      json(
        200,
        earnings(call.query.groupBy as 'day', call.query.groupBy === 'day' ? DAY_ROWS : NODE_ROWS),
      )) as Handler,
    'GET /api/payouts': () => json(200, list([])),
    ...extra,
  };
}

describe('Earnings', () => {
  beforeEach(() => storeSession(sessionFor()));

  it('shows totals, the per-node table and the payouts, for the period in the address', async () => {
    const api = stubApi(
      routes({
        'GET /api/payouts': () =>
          json(
            200,
            list([
              payout(),
              payout({
                id: 'p2',
                kind: 'withdrawal',
                status: 'failed',
                signature: null,
                error: 'blockhash expired',
              }),
            ]),
          ),
      }),
    );
    renderApp(fakeWallet().state, '/earnings?from=2026-02-01&to=2026-02-28');
    const panel = await screen.findByRole('region', { name: '2026-02-01 to 2026-02-28' });
    await waitFor(() => expect(panel).toHaveTextContent('Earned3.25 tokens'));
    expect(panel).toHaveTextContent('Pending payout0.75');
    expect(panel).toHaveTextContent('Paid out2.5');
    expect(panel).toHaveTextContent('Jobs7');
    expect(panel).toHaveTextContent('Billed time1 h 30 min');
    expect(within(panel).getByText('Earnings per day')).toBeVisible();

    const nodes = within(panel).getByRole('table', { name: 'Earnings per node' });
    const row = within(nodes).getAllByRole('row')[1];
    expect(within(row).getByRole('link', { name: 'rig-01' })).toHaveAttribute(
      'href',
      `/hosts/nodes/${NODE_ID}`,
    );
    expect(row).toHaveTextContent('71 h 30 min3.250.752.5');

    expect(api.callsTo('GET', '/api/earnings').map((c) => c.query)).toEqual([
      { from: '2026-02-01', to: '2026-02-28', groupBy: 'day' },
      { from: '2026-02-01', to: '2026-02-28', groupBy: 'node' },
    ]);

    const payouts = await screen.findByRole('table', { name: 'Your payouts, newest first' });
    const [first, second] = within(payouts).getAllByRole('row').slice(1);
    expect(first).toHaveTextContent('Earnings1.48confirmed');
    // No explorerUrl from the server: the link is built from the cluster's, its query kept.
    expect(within(first).getByRole('link', { name: /^Transaction 3AsdoALg/ })).toHaveAttribute(
      'href',
      `https://explorer.solana.com/tx/${TX_SIGNATURE}?cluster=custom&customUrl=http://localhost:8899`,
    );
    expect(within(second).getByText('failed')).toHaveClass('badge--pay-bad');
    expect(second).toHaveTextContent('blockhash expired');
  });

  it('asks for another period and puts it in the address', async () => {
    const api = stubApi(routes());
    renderApp(fakeWallet().state, '/earnings?from=2026-02-01&to=2026-02-28');
    await screen.findByRole('table', { name: 'Earnings per node' });
    const user = userEvent.setup();
    const from = screen.getByLabelText('From');
    await user.clear(from);
    await user.type(from, '2026-01-15');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(window.location.search).toBe('?from=2026-01-15&to=2026-02-28'));
    await waitFor(() =>
      expect(api.callsTo('GET', '/api/earnings').at(-1)!.query).toEqual({
        from: '2026-01-15',
        to: '2026-02-28',
        groupBy: 'node',
      }),
    );

    await user.clear(screen.getByLabelText('To'));
    await user.type(screen.getByLabelText('To'), '2026-01-01');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(screen.getByRole('alert')).toHaveTextContent('The end date is before the start date.');
  });

  it('downloads a CSV export with the session’s token', async () => {
    const csv = 'date,jobs,earned\n2026-02-10,4,2000000\n';
    const api = stubApi(
      routes({
        'GET /api/earnings/export.csv': () =>
          new Response(csv, { headers: { 'Content-Type': 'text/csv' } }),
      }),
    );
    const created: Blob[] = [];
    // jsdom has no object URLs: lend it two for this test.
    Object.assign(URL, {
      createObjectURL: vi.fn((blob: Blob) => {
        created.push(blob);
        return 'blob:earnings';
      }),
      revokeObjectURL: vi.fn(),
    });
    onTestFinished(() => {
      delete (URL as Partial<typeof URL>).createObjectURL;
      delete (URL as Partial<typeof URL>).revokeObjectURL;
    });
    const click = vi
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);
    renderApp(fakeWallet().state, '/earnings?from=2026-02-01&to=2026-02-28');
    await userEvent.click(await screen.findByRole('button', { name: 'Export by day (CSV)' }));

    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    const call = api.callsTo('GET', '/api/earnings/export.csv')[0];
    expect(call.query).toEqual({ from: '2026-02-01', to: '2026-02-28', groupBy: 'day' });
    expect(call.authorization).toBe('Bearer session-token-1');
    expect(await created[0].text()).toBe(csv);
    const anchor = click.mock.contexts[0] as HTMLAnchorElement;
    expect(anchor.download).toBe('rigshare-earnings-2026-02-01-2026-02-28-by-day.csv');
  });

  it('says when there are no earnings in the period, with next steps', async () => {
    stubApi(
      routes({
        'GET /api/earnings': ((call) =>
          json(200, {
            ...earnings(call.query.groupBy as 'day', []),
            totals: { jobs: 0, billedSeconds: 0, earned: '0', pending: '0', paid: '0' },
          })) as Handler,
      }),
    );
    renderApp(fakeWallet().state, '/earnings');
    const empty = await screen.findByText(/No earnings from/);
    expect(within(empty).getByRole('link', { name: 'add a node' })).toHaveAttribute(
      'href',
      '/hosts/add',
    );
    expect(await screen.findByText(/No payouts yet/)).toBeVisible();
  });

  it('says what went wrong and retries on request', async () => {
    stubApi(
      routes({
        'GET /api/earnings': [
          () => json(503, { code: 'SERVICE_UNAVAILABLE', message: 'The ledger is busy.' }),
          () => json(503, { code: 'SERVICE_UNAVAILABLE', message: 'The ledger is busy.' }),
          ((call) =>
            json(
              200,
              earnings(
                call.query.groupBy as 'day',
                call.query.groupBy === 'day' ? DAY_ROWS : NODE_ROWS,
              ),
            )) as Handler,
        ],
      }),
    );
    renderApp(fakeWallet().state, '/earnings');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your earnings could not be loaded');
    expect(alert).toHaveTextContent('The ledger is busy.');
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('table', { name: 'Earnings per node' })).toBeVisible();
  });
});
