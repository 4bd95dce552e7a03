import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, stubApi } from '../test/fakeApi';
import { sessionFor, storeSession } from '../test/fixtures';
import { WALLET_ADDRESS, fakeWallet, renderApp } from '../test/harness';
import { node, page } from '../test/nodeFixtures';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const me = { 'GET /api/me': () => json(200, { address: WALLET_ADDRESS }) };

describe('My nodes', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(NOW);
    storeSession(sessionFor());
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lists nodes with their state, hardware, last heartbeat and limits', async () => {
    const api = stubApi({
      ...me,
      'GET /api/nodes/mine': () =>
        json(
          200,
          page([
            node({ verification: 'verified', score: 3913 }),
            node({
              id: 'n2',
              name: 'rig-02',
              verification: 'unverified',
              verificationReason: 'late: no commitment before the deadline',
              state: 'offline',
              lastHeartbeatAt: '2026-03-01T11:57:00.000Z',
              limitsAcknowledged: false,
            }),
            node({
              id: 'n3',
              name: 'rig-03',
              state: 'installing',
              hardware: null,
              lastHeartbeatAt: null,
            }),
            node({
              id: 'n4',
              name: 'rig-04',
              state: 'maintenance',
              limitsAcknowledged: false,
              limitsError: 'cpuCores 64 exceeds the 32 cores of this host',
            }),
          ]),
        ),
    });
    renderApp(fakeWallet().state, '/hosts/nodes');

    const table = await screen.findByRole('table', { name: 'Your nodes' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(4);

    const first = within(rows[0]);
    expect(first.getByRole('link', { name: 'rig-01' })).toHaveAttribute(
      'href',
      '/hosts/nodes/0b7c1e9a-4d7e-4c53-a7f5-28f0c1b5d0a2',
    );
    expect(first.getByText('online')).toHaveClass('badge--online');
    expect(first.getByText('2 × NVIDIA GeForce RTX 4090 · 24 GiB')).toBeVisible();
    expect(first.getByText('AMD Ryzen 9 7950X · 32 threads')).toBeVisible();
    expect(first.getByText('64 GiB')).toBeVisible();
    expect(first.getByText('12 s ago')).toBeVisible();
    expect(first.getByText('acknowledged')).toBeVisible();
    expect(first.getByText('verified')).toHaveClass('badge--pay-ok');
    expect(first.getByText('score 3,913')).toBeVisible();
    expect(within(rows[1]).getByText('unverified')).toHaveAttribute(
      'title',
      'late: no commitment before the deadline',
    );

    expect(within(rows[1]).getByText('offline')).toHaveClass('badge--offline');
    expect(within(rows[1]).getByText('3 min ago')).toBeVisible();
    expect(within(rows[1]).getByText('pending')).toBeVisible();

    expect(within(rows[2]).getByText('installing')).toHaveClass('badge--installing');
    expect(within(rows[2]).getByText('not reported yet')).toBeVisible();
    expect(
      within(rows[2]).getByText('—', { selector: '[data-label="Verification"] span' }),
    ).toBeVisible();
    expect(within(rows[2]).getByText('never')).toBeVisible();

    expect(within(rows[3]).getByText('maintenance')).toHaveClass('badge--maintenance');
    expect(within(rows[3]).getByText('refused')).toHaveAttribute(
      'title',
      'cpuCores 64 exceeds the 32 cores of this host',
    );

    expect(api.callsTo('GET', '/api/nodes/mine')[0].authorization).toBe('Bearer session-token-1');
    expect(
      screen.getByText('4 nodes: 1 online, 1 offline, 1 installing, 1 maintenance'),
    ).toHaveAttribute('aria-live', 'polite');
  });

  it('says there are no nodes yet and links to Add a node', async () => {
    stubApi({ ...me, 'GET /api/nodes/mine': () => json(200, page([])) });
    renderApp(fakeWallet().state, '/hosts/nodes');

    const empty = await screen.findByText(/No nodes yet/);
    expect(empty).toHaveTextContent('No nodes yet — add one');
    expect(within(empty).getByRole('link', { name: 'add one' })).toHaveAttribute(
      'href',
      '/hosts/add',
    );
  });

  it('refreshes every 5 s, so a node that comes online shows it', async () => {
    const api = stubApi({
      ...me,
      'GET /api/nodes/mine': [
        () => json(200, page([node({ state: 'offline' })])),
        () => json(200, page([node({ state: 'online' })])),
      ],
    });
    renderApp(fakeWallet().state, '/hosts/nodes');
    expect(await screen.findByText('offline')).toBeVisible();

    await act(async () => vi.advanceTimersByTime(5000));
    expect(await screen.findByText('online')).toBeVisible();
    expect(api.callsTo('GET', '/api/nodes/mine')).toHaveLength(2);
  });

  it('says what went wrong and retries on request', async () => {
    const api = stubApi({
      ...me,
      'GET /api/nodes/mine': [
        () => Promise.reject(new TypeError('Failed to fetch')),
        () => json(200, page([node()])),
      ],
    });
    renderApp(fakeWallet().state, '/hosts/nodes');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your nodes could not be loaded');
    expect(alert).toHaveTextContent('The Rigshare API is unreachable');
    await act(async () => within(alert).getByRole('button', { name: 'Try again' }).click());

    expect(await screen.findByRole('link', { name: 'rig-01' })).toBeVisible();
    await waitFor(() => expect(api.callsTo('GET', '/api/nodes/mine')).toHaveLength(2));
  });

  it('asks for 50 nodes a page and pages through them', async () => {
    const many = Array.from({ length: 50 }, (_, i) => node({ id: `n${i}`, name: `rig-${i}` }));
    stubApi({
      ...me,
      'GET /api/nodes/mine': [
        () => json(200, page(many, 120)),
        () => json(200, { ...page([node({ name: 'rig-50' })], 120), page: 1 }),
      ],
    });
    renderApp(fakeWallet().state, '/hosts/nodes');
    const pager = await screen.findByRole('navigation', { name: 'Pages of nodes' });
    expect(pager).toHaveTextContent('Page 1 of 3');
    expect(within(pager).getByRole('button', { name: 'Previous' })).toBeDisabled();

    await act(async () => within(pager).getByRole('button', { name: 'Next' }).click());

    expect(await screen.findByRole('link', { name: 'rig-50' })).toBeVisible();
    const urls = vi.mocked(globalThis.fetch).mock.calls.map(([url]) => String(url));
    expect(urls.filter((u) => u.startsWith('/api/nodes/mine'))).toEqual([
      '/api/nodes/mine?page=0&size=50',
      '/api/nodes/mine?page=1&size=50',
    ]);
    expect(screen.getByRole('navigation', { name: 'Pages of nodes' })).toHaveTextContent(
      'Page 2 of 3',
    );
  });

  it('asks to sign in first when signed out', async () => {
    window.localStorage.clear();
    stubApi({});
    renderApp(fakeWallet().state, '/hosts/nodes');
    expect(await screen.findByRole('heading', { name: 'Sign in to see your nodes' })).toBeVisible();
  });
});
