import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, stubApi, type Handler } from '../test/fakeApi';
import { sessionFor, storeSession } from '../test/fixtures';
import { WALLET_ADDRESS, fakeWallet, renderApp } from '../test/harness';
import { CHAIN, JOB_ID, jobPage, jobView, succeededJob } from '../test/jobFixtures';

const NOW = new Date('2026-03-01T12:00:00.000Z');

function routes(mine: Handler | Handler[]) {
  return {
    'GET /api/me': () => json(200, { address: WALLET_ADDRESS }),
    'GET /api/chain': () => json(200, CHAIN),
    'GET /api/jobs/mine': mine,
  };
}

const queries = () =>
  vi
    .mocked(globalThis.fetch)
    .mock.calls.map(([url]) => new URL(String(url), 'http://localhost'))
    .filter((url) => url.pathname === '/api/jobs/mine')
    .map((url) => Object.fromEntries(url.searchParams));

describe('My jobs', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(NOW);
    storeSession(sessionFor());
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lists the jobs with state, what runs, GPUs, price, age and duration', async () => {
    stubApi(
      routes(() =>
        json(
          200,
          jobPage([
            jobView(),
            jobView({
              id: 'a1b2c3d4-0000-4000-8000-000000000002',
              state: 'queued',
              runtime: {
                type: 'container',
                image: 'pytorch/pytorch:2.5.1',
                command: null,
                env: {},
                network: true,
              },
              requirements: { gpuCount: 2, minVramGb: 24, gpuModels: null, minScore: 0 },
              maxPricePerHour: 5_000_000,
              pricePerHour: null,
              startedAt: null,
              createdAt: '2026-03-01T11:59:18.000Z',
            }),
            succeededJob({ id: 'c0ffee00-1111-4222-8333-444455556666', state: 'timed_out' }),
          ]),
        ),
      ),
    );
    renderApp(fakeWallet().state, '/jobs');

    const table = await screen.findByRole('table', { name: 'Your jobs, newest first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);

    const running = within(rows[0]);
    expect(running.getByRole('link', { name: 'Job 5f0c2f7e' })).toHaveAttribute(
      'href',
      `/jobs/${JOB_ID}`,
    );
    expect(running.getByText('running')).toHaveClass('badge--job-running');
    expect(running.getByText('python3 train.py --epochs 3')).toBeVisible();
    expect(rows[0]).toHaveTextContent('1 GPU≥ 16 GiB · RTX 4090');
    expect(rows[0]).toHaveTextContent('1.5'); // 1500000 base units per hour
    expect(running.getByText('10 min ago')).toBeVisible();
    expect(running.getByText('9 min 58 s')).toBeVisible(); // live, from its start

    const queued = within(rows[1]);
    expect(queued.getByText('queued')).toHaveClass('badge--job-queued');
    expect(queued.getByText('pytorch/pytorch:2.5.1')).toBeVisible();
    expect(rows[1]).toHaveTextContent('2 GPUs≥ 24 GiB');
    expect(queued.getByText('≤ 5')).toBeVisible(); // only the max, until a node takes it
    expect(queued.getByText('42 s ago')).toBeVisible();

    expect(within(rows[2]).getByText('timed out')).toHaveClass('badge--job-timed_out');
    expect(within(rows[2]).getByText('5 min')).toBeVisible();
    expect(screen.getByText('3 jobs: 1 running, 1 queued, 1 timed out')).toHaveAttribute(
      'aria-live',
      'polite',
    );
  });

  it('refreshes every 2 s while a job can change, and slows down once all have ended', async () => {
    const api = stubApi(
      routes([
        () => json(200, jobPage([jobView()])),
        () => json(200, jobPage([succeededJob()])),
        () => json(200, jobPage([succeededJob()])),
      ]),
    );
    renderApp(fakeWallet().state, '/jobs');
    const table = await screen.findByRole('table');
    expect(within(table).getByText('running')).toBeVisible();

    await act(async () => vi.advanceTimersByTime(2000));
    expect(await within(table).findByText('succeeded')).toBeVisible();
    const afterEnd = api.callsTo('GET', '/api/jobs/mine').length;
    await act(async () => vi.advanceTimersByTime(5000));
    // Ended jobs change no more: no poll every 2 s now (one every 15 s).
    expect(api.callsTo('GET', '/api/jobs/mine').length).toBeLessThanOrEqual(afterEnd + 1);
    await act(async () => vi.advanceTimersByTime(15_000));
    expect(api.callsTo('GET', '/api/jobs/mine').length).toBeGreaterThan(afterEnd);
  });

  it('filters by state, and offers to show all when none matches', async () => {
    stubApi(
      routes((call) =>
        json(200, call.path && queries().at(-1)?.state ? jobPage([]) : jobPage([jobView()])),
      ),
    );
    renderApp(fakeWallet().state, '/jobs');
    await screen.findByRole('table');
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.selectOptions(screen.getByRole('combobox', { name: 'State' }), 'timed out');

    expect(await screen.findByText('No job of yours is timed out.')).toBeVisible();
    expect(queries().at(-1)).toEqual({ page: '0', size: '20', state: 'timed_out' });

    await user.click(screen.getByRole('button', { name: 'Show all states' }));
    expect(await screen.findByRole('table')).toBeVisible();
    expect(screen.getByRole('combobox', { name: 'State' })).toHaveValue('');
    expect(queries().at(-1)).toEqual({ page: '0', size: '20' });
  });

  it('pages through the jobs, 20 at a time', async () => {
    const many = Array.from({ length: 20 }, (_, i) =>
      succeededJob({ id: `${String(i).padStart(8, '0')}-0000-4000-8000-000000000000` }),
    );
    stubApi(
      routes([
        () => json(200, jobPage(many, 47)),
        () =>
          json(200, {
            ...jobPage([succeededJob({ id: 'ffffffff-0000-4000-8000-000000000000' })], 47),
            page: 1,
          }),
      ]),
    );
    renderApp(fakeWallet().state, '/jobs');
    const pager = await screen.findByRole('navigation', { name: 'Pages of jobs' });
    expect(pager).toHaveTextContent('Page 1 of 3');
    await act(async () => within(pager).getByRole('button', { name: 'Next' }).click());
    expect(await screen.findByRole('link', { name: 'Job ffffffff' })).toBeVisible();
    expect([...new Set(queries().map((q) => q.page))]).toEqual(['0', '1']);
  });

  it('says there are no jobs yet and links to Submit a job', async () => {
    stubApi(routes(() => json(200, jobPage([]))));
    renderApp(fakeWallet().state, '/jobs');
    const empty = await screen.findByText(/No jobs yet/);
    expect(within(empty).getByRole('link', { name: 'submit one' })).toHaveAttribute(
      'href',
      '/jobs/new',
    );
  });

  it('says what went wrong and retries on request', async () => {
    const api = stubApi(
      routes([
        () => Promise.reject(new TypeError('Failed to fetch')),
        () => json(200, jobPage([jobView()])),
      ]),
    );
    renderApp(fakeWallet().state, '/jobs');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your jobs could not be loaded');
    await act(async () => within(alert).getByRole('button', { name: 'Try again' }).click());
    expect(await screen.findByRole('link', { name: 'Job 5f0c2f7e' })).toBeVisible();
    await waitFor(() => expect(api.callsTo('GET', '/api/jobs/mine')).toHaveLength(2));
  });

  it('marks a queued job that waits for funds, with a link to deposit', async () => {
    stubApi(
      routes(() =>
        json(
          200,
          jobPage([
            jobView({
              state: 'queued',
              pricePerHour: null,
              startedAt: null,
              waiting: { code: 'INSUFFICIENT_BALANCE', message: 'Not enough balance.' },
            }),
          ]),
        ),
      ),
    );
    renderApp(fakeWallet().state, '/jobs');
    const table = await screen.findByRole('table');
    const row = within(table).getAllByRole('row')[1];
    expect(row).toHaveTextContent('queuedwaiting for funds · deposit');
    expect(within(row).getByRole('link', { name: 'deposit' })).toHaveAttribute('href', '/balance');
  });
});
