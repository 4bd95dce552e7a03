import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, stubApi, type Handler } from '../../test/fakeApi';
import { sessionFor, storeSession } from '../../test/fixtures';
import { WALLET_ADDRESS, fakeWallet, renderApp } from '../../test/harness';
import { NODE_ID, node, nodeDetail } from '../../test/nodeFixtures';

vi.mock('../../components/UPlotChart', () => ({ UPlotChart: () => null }));

const NOW = new Date('2026-03-01T12:00:00.000Z');
const NODE_PATH = `/api/nodes/${NODE_ID}`;
const GIB = 1024 ** 3;

const SENT = {
  limits: {
    cpuCores: 8,
    memoryBytes: 32 * GIB,
    diskBytes: 200 * GIB,
    gpus: [
      { index: 0, offered: true, vramPercent: 50 },
      { index: 1, offered: false, vramPercent: 100 },
    ],
  },
};
const pendingNode = node({ limits: SENT.limits, limitsVersion: 1, limitsAcknowledged: false });

function routes(nodeAnswers: Handler[]) {
  return {
    'GET /api/me': () => json(200, { address: WALLET_ADDRESS }),
    [`GET ${NODE_PATH}`]: nodeAnswers,
    [`GET ${NODE_PATH}/telemetry`]: () =>
      json(200, { nodeId: NODE_ID, from: '', to: '', resolutionSeconds: 15, points: [] }),
    [`PATCH ${NODE_PATH}`]: () => json(200, pendingNode),
  };
}

async function fillAndApply() {
  const u = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  const form = await screen.findByRole('region', { name: 'Resource limits' });
  const cpu = within(form).getByRole('slider', { name: 'CPU cores' });
  expect(cpu).toHaveAttribute('max', '32');
  expect(cpu).toHaveValue('32');
  fireEvent.change(cpu, { target: { value: '8' } });
  expect(within(form).getByText('8 of 32')).toBeVisible();

  const ram = within(form).getByRole('slider', { name: 'RAM' });
  expect(ram).toHaveAttribute('max', '64');
  fireEvent.change(ram, { target: { value: '32' } });
  expect(ram).toHaveAttribute('aria-valuetext', '32 GiB of 64 GiB');

  await u.type(within(form).getByRole('spinbutton', { name: 'Disk (GiB)' }), '200');
  fireEvent.change(within(form).getByRole('slider', { name: 'VRAM share of GPU 0' }), {
    target: { value: '50' },
  });
  await u.click(
    within(form).getByRole('checkbox', { name: 'Offer GPU 1 (NVIDIA GeForce RTX 4090)' }),
  );
  expect(within(form).getByRole('slider', { name: 'VRAM share of GPU 1' })).toBeDisabled();

  await u.click(within(form).getByRole('button', { name: 'Apply' }));
  return form;
}

describe('Resource limits', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(NOW);
    storeSession(sessionFor());
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the limits as integers of bytes and waits for the acknowledgement', async () => {
    const acked = node({ limits: SENT.limits, limitsVersion: 1, limitsAcknowledged: true });
    let agentAnswered = false;
    const api = stubApi(
      routes([
        () => json(200, nodeDetail()),
        () => json(200, { ...nodeDetail(), node: agentAnswered ? acked : pendingNode }),
      ]),
    );
    renderApp(fakeWallet().state, `/hosts/nodes/${NODE_ID}`);

    const form = await fillAndApply();

    expect(api.callsTo('PATCH', NODE_PATH).map((c) => c.body)).toEqual([SENT]);
    const status = within(form).getByRole('status');
    expect(status).toHaveAttribute('aria-live', 'polite');
    await waitFor(() => expect(status).toHaveTextContent('Waiting for the agent to acknowledge…'));
    expect(within(form).getByRole('button', { name: 'Apply' })).toBeDisabled();

    agentAnswered = true;
    await act(async () => vi.advanceTimersByTime(2000));
    await waitFor(() => expect(status).toHaveTextContent('The agent acknowledged the new limits.'));
    expect(within(form).getByRole('button', { name: 'Apply' })).toBeEnabled();
    const polls = api.callsTo('GET', NODE_PATH).length;
    await act(async () => vi.advanceTimersByTime(6000));
    expect(api.callsTo('GET', NODE_PATH)).toHaveLength(polls);
  });

  it("shows the agent's reason when it refuses the limits", async () => {
    const refused = node({
      limits: SENT.limits,
      limitsVersion: 1,
      limitsAcknowledged: false,
      limitsError: 'vramPercent 50 is below what the running job holds',
    });
    stubApi(
      routes([() => json(200, nodeDetail()), () => json(200, { ...nodeDetail(), node: refused })]),
    );
    renderApp(fakeWallet().state, `/hosts/nodes/${NODE_ID}`);

    const form = await fillAndApply();

    expect(await within(form).findByText(/The agent refused these limits/)).toHaveTextContent(
      'The agent refused these limits: vramPercent 50 is below what the running job holds',
    );
  });

  it('gives up waiting after 60 s and says why', async () => {
    const api = stubApi(
      routes([
        () => json(200, nodeDetail()),
        () =>
          json(200, {
            ...nodeDetail({ state: 'offline' }),
            node: { ...pendingNode, state: 'offline' },
          }),
      ]),
    );
    renderApp(fakeWallet().state, `/hosts/nodes/${NODE_ID}`);
    const form = await fillAndApply();
    const status = within(form).getByRole('status');
    await waitFor(() => expect(status).toHaveTextContent('Waiting for the agent to acknowledge…'));

    for (let i = 0; i < 31; i += 1) {
      await act(async () => vi.advanceTimersByTime(2000));
    }
    await waitFor(() => expect(status).toHaveTextContent('The agent did not answer within 60 s.'));
    expect(status).toHaveTextContent('The node is offline: it gets the limits when it reconnects.');
    // Polling every 2 s stopped (the page's own refresh every 15 s goes on).
    const polls = api.callsTo('GET', NODE_PATH).length;
    await act(async () => vi.advanceTimersByTime(10_000));
    expect(api.callsTo('GET', NODE_PATH).length).toBeLessThanOrEqual(polls + 1);
  });
});
