import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, noContent, stubApi, type Handler } from '../test/fakeApi';
import { sessionFor, storeSession } from '../test/fixtures';
import { WALLET_ADDRESS, fakeWallet, renderApp } from '../test/harness';
import { CHAIN, JOB_ID } from '../test/jobFixtures';
import { NODE_ID, node, nodeDetail, page } from '../test/nodeFixtures';

// uPlot needs a real browser (canvas, matchMedia); the charts' data is tested in telemetry.test.ts.
vi.mock('../components/UPlotChart', () => ({ UPlotChart: () => null }));

const NOW = new Date('2026-03-01T12:00:00.000Z');
const NODE_PATH = `/api/nodes/${NODE_ID}`;

function routes(extra: Record<string, Handler | Handler[]> = {}) {
  return {
    'GET /api/me': () => json(200, { address: WALLET_ADDRESS }),
    [`GET ${NODE_PATH}`]: () => json(200, nodeDetail()),
    [`GET ${NODE_PATH}/telemetry`]: () =>
      json(200, { nodeId: NODE_ID, from: '', to: '', resolutionSeconds: 15, points: [] }),
    'GET /api/nodes/mine': () => json(200, page([])),
    [`GET ${NODE_PATH}/jobs`]: () => json(200, { ...page([]), size: 20 }),
    'GET /api/chain': () => json(200, CHAIN),
    [`GET ${NODE_PATH}/market`]: () => json(200, market()),
    ...extra,
  };
}

/** A node the market has comparables for, verified and listed (docs/openapi.yaml, NodeMarket). */
function market(overrides: Record<string, unknown> = {}) {
  return {
    nodeId: NODE_ID,
    gpuModel: 'NVIDIA GeForce RTX 4090',
    gpuCount: 1,
    score: 3913,
    pricePerGpuHour: 1_500_000,
    priceSource: 'owner',
    bounds: { min: 195_650, max: 19_565_000 },
    suggestedPricePerGpuHour: 1_369_550,
    marketMedianPerScoreUnitHour: '350.0000',
    comparableNodes: 7,
    queuedJobsItCouldRun: 2,
    reliability: 9712,
    reliabilityParts: {
      basisPoints: 9712,
      uptime: 0.99,
      jobSuccess: 0.95,
      stability: 0.94,
      attempts: 40,
    },
    verification: 'verified',
    verificationReason: null,
    verifiedAt: '2026-03-01T11:00:00.000Z',
    listed: true,
    idleReasons: ['its price per score unit is 10% above the median of comparable nodes'],
    ...overrides,
  };
}

function telemetryQueries() {
  return vi
    .mocked(globalThis.fetch)
    .mock.calls.map(([url]) => new URL(String(url), 'http://localhost'))
    .filter((url) => url.pathname === `${NODE_PATH}/telemetry`)
    .map((url) => url.searchParams);
}

describe('Node page', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(NOW);
    storeSession(sessionFor());
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const user = () => userEvent.setup({ advanceTimers: vi.advanceTimersByTime });

  it('shows the node, its hardware and its state history', async () => {
    stubApi(routes());
    renderApp(fakeWallet().state, `/hosts/nodes/${NODE_ID}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'rig-01' })).toBeVisible();
    const hardware = screen.getByRole('region', { name: 'Hardware' });
    expect(hardware).toHaveTextContent('Debian GNU/Linux 12 (amd64)');
    expect(hardware).toHaveTextContent('AMD Ryzen 9 7950X · 16 cores · 32 threads · up to 5.7 GHz');
    expect(hardware).toHaveTextContent('64 GiB (48 GiB available)');
    expect(hardware).toHaveTextContent('/ (ext4): 476.8 GiB free of 931.3 GiB');
    expect(within(hardware).getByText('GPU 1 · NVIDIA GeForce RTX 4090')).toBeVisible();
    expect(within(hardware).getAllByText('550.54.14')).toHaveLength(2);
    expect(within(hardware).getAllByText('12.4')).toHaveLength(2);

    const history = screen.getByRole('region', { name: 'State history' });
    const items = within(history).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('installing → to online');
    expect(items[0]).toHaveTextContent('connected');
    expect(items[1]).toHaveTextContent('new → to installing');
    await waitFor(() => expect(document.title).toBe('rig-01 · Rigshare'));
  });

  it('asks for the telemetry of the chosen range', async () => {
    stubApi(routes());
    renderApp(fakeWallet().state, `/hosts/nodes/${NODE_ID}`);
    const range = await screen.findByRole('group', { name: 'Show the last' });
    expect(within(range).getByRole('radio', { name: '1 hour' })).toBeChecked();
    await user().click(within(range).getByRole('radio', { name: '24 hours' }));

    await waitFor(() => expect(telemetryQueries()).toHaveLength(2));
    const spans = telemetryQueries().map(
      (q) => (Date.parse(q.get('to')!) - Date.parse(q.get('from')!)) / 3600_000,
    );
    expect(spans).toEqual([1, 24]);
  });

  it('says the node does not exist or is not yours on 404', async () => {
    stubApi(
      routes({
        [`GET ${NODE_PATH}`]: () => json(404, { code: 'NOT_FOUND', message: 'node not found' }),
      }),
    );
    renderApp(fakeWallet().state, `/hosts/nodes/${NODE_ID}`);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This node does not exist or is not yours.',
    );
  });

  it('renames the node in place with PATCH {name}', async () => {
    const api = stubApi(
      routes({ [`PATCH ${NODE_PATH}`]: () => json(200, node({ name: 'big-rig' })) }),
    );
    renderApp(fakeWallet().state, `/hosts/nodes/${NODE_ID}`);
    const u = user();
    await u.click(await screen.findByRole('button', { name: 'Rename' }));
    const input = screen.getByRole('textbox', { name: 'Node name' });
    expect(input).toHaveFocus();
    await u.clear(input);
    await u.type(input, '  big-rig {Enter}');

    expect(await screen.findByRole('heading', { level: 1, name: 'big-rig' })).toBeVisible();
    expect(api.callsTo('PATCH', NODE_PATH).map((c) => c.body)).toEqual([{ name: 'big-rig' }]);
    expect(screen.getByText('Node renamed')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Rename' })).toHaveFocus();
  });

  it('turns maintenance on with PATCH {maintenance: true} through a keyboard switch', async () => {
    let state = 'online';
    const api = stubApi(
      routes({
        [`GET ${NODE_PATH}`]: () => json(200, nodeDetail({ state })),
        [`PATCH ${NODE_PATH}`]: () => {
          state = 'maintenance';
          return json(200, node({ state }));
        },
      }),
    );
    renderApp(fakeWallet().state, `/hosts/nodes/${NODE_ID}`);
    const toggle = await screen.findByRole('switch', { name: 'Maintenance mode' });
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    expect(toggle).toHaveAccessibleDescription(/stays connected but takes no jobs/);

    toggle.focus();
    await user().keyboard(' ');

    await waitFor(() => expect(toggle).toHaveAttribute('aria-checked', 'true'));
    expect(api.callsTo('PATCH', NODE_PATH).map((c) => c.body)).toEqual([{ maintenance: true }]);
    expect(screen.getByText('Maintenance started')).toBeVisible();
    // The history is fetched again to show the change.
    await waitFor(() => expect(api.callsTo('GET', NODE_PATH).length).toBeGreaterThanOrEqual(2));
  });

  it('deletes only after the name is typed, then returns to My nodes', async () => {
    const api = stubApi(routes({ [`DELETE ${NODE_PATH}`]: () => noContent() }));
    renderApp(fakeWallet().state, `/hosts/nodes/${NODE_ID}`);
    const u = user();
    await u.click(await screen.findByRole('button', { name: 'Delete node…' }));

    const dialog = screen.getByRole('dialog', { name: 'Delete “rig-01”?' });
    const confirm = within(dialog).getByRole('button', { name: 'Delete node' });
    const input = within(dialog).getByRole('textbox', { name: 'Node name' });
    expect(input).toHaveFocus();
    expect(confirm).toBeDisabled();

    await u.type(input, 'rig-0');
    expect(confirm).toBeDisabled();
    await u.keyboard('{Enter}');
    expect(api.callsTo('DELETE', NODE_PATH)).toHaveLength(0);

    await u.type(input, '1');
    expect(confirm).toBeEnabled();
    await u.click(confirm);

    await waitFor(() => expect(window.location.pathname).toBe('/hosts/nodes'));
    expect(api.callsTo('DELETE', NODE_PATH)).toHaveLength(1);
    expect(screen.getByText('Node deleted')).toBeVisible();
    expect(await screen.findByRole('heading', { level: 1, name: 'My nodes' })).toBeVisible();
  });

  it('closes the delete dialog with Escape without deleting', async () => {
    const api = stubApi(routes());
    renderApp(fakeWallet().state, `/hosts/nodes/${NODE_ID}`);
    const u = user();
    await u.click(await screen.findByRole('button', { name: 'Delete node…' }));
    await u.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Delete node…' })).toHaveFocus();
    expect(api.callsTo('DELETE', NODE_PATH)).toHaveLength(0);
  });

  it('lists the jobs the node ran, linked to their pages', async () => {
    stubApi(
      routes({
        [`GET ${NODE_PATH}/jobs`]: () =>
          json(200, {
            items: [
              {
                jobId: JOB_ID,
                attempt: 2,
                jobState: 'succeeded',
                runtimeType: 'container',
                gpus: [0, 1],
                assignedAt: '2026-03-01T11:40:00.000Z',
                startedAt: '2026-03-01T11:40:02.000Z',
                endedAt: '2026-03-01T11:52:02.000Z',
                outcome: 'succeeded',
                reason: 'exited with 0',
                pricePerHour: 3_000_000,
              },
              {
                jobId: 'deadbeef-aaaa-4bbb-8ccc-ddddeeeeffff',
                attempt: 1,
                jobState: 'queued',
                runtimeType: 'process',
                gpus: [1],
                assignedAt: '2026-03-01T11:30:00.000Z',
                startedAt: '2026-03-01T11:30:01.000Z',
                endedAt: '2026-03-01T11:35:00.000Z',
                outcome: 'lost',
                reason: 'the node stopped reporting',
                pricePerHour: null,
              },
            ],
            page: 0,
            size: 20,
            total: 2,
          }),
      }),
    );
    renderApp(fakeWallet().state, `/hosts/nodes/${NODE_ID}`);
    const jobs = await screen.findByRole('region', { name: 'Jobs' });
    const rows = within(await within(jobs).findByRole('table'))
      .getAllByRole('row')
      .slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByRole('link', { name: 'Job 5f0c2f7e' })).toHaveAttribute(
      'href',
      `/jobs/${JOB_ID}`,
    );
    expect(rows[0]).toHaveTextContent('attempt 2 · container · GPU 0, 1');
    expect(rows[0]).toHaveTextContent('12 min');
    expect(rows[0]).toHaveTextContent('3'); // 3000000 base units per hour
    expect(within(rows[1]).getByText('lost')).toHaveClass('badge--job-lost');
    expect(rows[1]).toHaveTextContent('the node stopped reporting');
  });

  it('shows the runners and sets the price per GPU-hour in tokens, sent in base units', async () => {
    const api = stubApi(
      routes({ [`PATCH ${NODE_PATH}`]: () => json(200, node({ pricePerGpuHour: 2_250_000 })) }),
    );
    renderApp(fakeWallet().state, `/hosts/nodes/${NODE_ID}`);
    const panel = await screen.findByRole('region', { name: 'Jobs and price' });
    expect(panel).toHaveTextContent('process (commands on the host), container (Docker or Podman)');
    const price = await within(panel).findByRole('textbox', { name: 'Price per GPU-hour' });
    expect(price).toHaveValue('1.5');
    expect(price).toHaveAccessibleDescription(/Now 1.5 tokens per GPU-hour/);

    const u = user();
    await u.clear(price);
    await u.type(price, '2.2500001');
    await u.click(within(panel).getByRole('button', { name: 'Save price' }));
    expect(within(panel).getByRole('alert')).toHaveTextContent('At most 6 decimal places.');
    expect(api.callsTo('PATCH', NODE_PATH)).toHaveLength(0);

    await u.clear(price);
    await u.type(price, '2.25{Enter}');
    await waitFor(() =>
      expect(api.callsTo('PATCH', NODE_PATH).map((c) => c.body)).toEqual([
        { pricePerGpuHour: 2_250_000 },
      ]),
    );
    expect(await screen.findByText('Price saved')).toBeVisible();
    expect(
      within(panel).getByRole('textbox', { name: 'Price per GPU-hour' }),
    ).toHaveAccessibleDescription(/Now 2.25 tokens per GPU-hour/);
  });

  it('shows where the node stands against the market and asks the suggested price', async () => {
    const api = stubApi(
      routes({ [`PATCH ${NODE_PATH}`]: () => json(200, node({ pricePerGpuHour: 1_369_550 })) }),
    );
    renderApp(fakeWallet().state, `/hosts/nodes/${NODE_ID}`);
    const panel = await screen.findByRole('region', { name: 'Market standing' });
    expect(await within(panel).findByText('verified')).toHaveClass('badge--pay-ok');
    expect(panel).toHaveTextContent('last passed 1 h ago');
    expect(panel).toHaveTextContent('Among the offerslisted');
    expect(panel).toHaveTextContent('Benchmark score per GPU3,913');
    expect(panel).toHaveTextContent('Price per GPU-hour1.5 tokens (set by you)');
    expect(panel).toHaveTextContent('Suggested price1.36955 tokens');
    expect(panel).toHaveTextContent(
      'the median of 7 comparable nodes: 0.00035 tokens per score unit',
    );
    expect(panel).toHaveTextContent('You may ask0.19565 tokens to 19.565 tokens');
    expect(panel).toHaveTextContent('Queued jobs it could run2');
    expect(panel).toHaveTextContent(
      'Reliability97.12 %uptime 99.0 % (50 %), job success 95.0 % over 40 attempts (35 %), benchmark stability 94.0 % (15 %)',
    );
    expect(within(panel).getByRole('listitem')).toHaveTextContent(
      'its price per score unit is 10% above the median of comparable nodes',
    );

    await user().click(
      within(panel).getByRole('button', { name: 'Ask the suggested 1.36955 tokens' }),
    );
    await waitFor(() =>
      expect(api.callsTo('PATCH', NODE_PATH).map((c) => c.body)).toEqual([
        { pricePerGpuHour: 1_369_550 },
      ]),
    );
    expect(await screen.findByText('Price saved')).toBeVisible();
    // The new price reloads the standing.
    await waitFor(() =>
      expect(api.callsTo('GET', `${NODE_PATH}/market`).length).toBeGreaterThan(1),
    );
  });

  it('tells the owner why an unverified node is not listed, and a node without a GPU is never scored', async () => {
    stubApi(
      routes({
        [`GET ${NODE_PATH}/market`]: () =>
          json(
            200,
            market({
              gpuModel: null,
              gpuCount: 0,
              score: null,
              priceSource: 'default',
              verification: 'unverified',
              verificationReason: 'wrong row: row 17 differs from the server’s computation',
              verifiedAt: null,
              listed: false,
              reliability: null,
              reliabilityParts: null,
              idleReasons: [
                'no GPU is offered: the node is not listed among the offers',
                'not verified: wrong row: row 17 differs from the server’s computation',
              ],
            }),
          ),
      }),
    );
    renderApp(fakeWallet().state, `/hosts/nodes/${NODE_ID}`);
    const panel = await screen.findByRole('region', { name: 'Market standing' });
    const alert = await within(panel).findByRole('alert');
    expect(alert).toHaveTextContent('This node is not verified, so it is not listed');
    expect(alert).toHaveTextContent('wrong row: row 17');
    expect(within(panel).getByText('unverified')).toHaveClass('badge--pay-bad');
    expect(panel).toHaveTextContent('Benchmark score per GPUnone yet');
    expect(panel).toHaveTextContent('(the operator’s default)');
    expect(panel).not.toHaveTextContent('Suggested price');
    expect(within(panel).queryByRole('button')).toBeNull();
    expect(panel).toHaveTextContent('Reliabilitynot computed yet');
    expect(within(panel).getAllByRole('listitem')).toHaveLength(2);
  });
});
