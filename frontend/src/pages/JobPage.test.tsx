import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eventStream, json, stubApi, type Handler } from '../test/fakeApi';
import { sessionFor, storeSession } from '../test/fixtures';
import { WALLET_ADDRESS, fakeWallet, renderApp } from '../test/harness';
import {
  CHAIN,
  JOB_ID,
  NODE_KEY,
  RESULT_SHA,
  SIGNATURE,
  jobDetail,
  jobView,
  succeededJob,
} from '../test/jobFixtures';
import { NODE_ID } from '../test/nodeFixtures';

const JOB_PATH = `/api/jobs/${JOB_ID}`;

/** The billing of a job that ran 5 minutes: 2 tokens held, 0.125 charged, the rest given back. */
const billedFiveMinutes = (settled: boolean) => ({
  escrow: '2000000',
  charge: '125000',
  fee: '6250',
  refund: '1875000',
  billedSeconds: 300,
  settled,
});

/** Answers the job's page with `job` (a JobView). */
const answerJob = (job: ReturnType<typeof jobView>) => () => json(200, jobDetail(job));

function routes(extra: Record<string, Handler | Handler[]> = {}) {
  return {
    'GET /api/me': () => json(200, { address: WALLET_ADDRESS }),
    'GET /api/chain': () => json(200, CHAIN),
    [`GET ${JOB_PATH}`]: () => json(200, jobDetail()),
    [`GET ${JOB_PATH}/logs`]: () => eventStream([], { open: true }).response,
    ...extra,
  };
}

describe('Job page', () => {
  beforeEach(() => storeSession(sessionFor()));

  it('shows the job, its timeline, attempts and receipt, with copyable receipt values', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    stubApi(routes({ [`GET ${JOB_PATH}`]: answerJob(succeededJob()) }));
    renderApp(fakeWallet().state, `/jobs/${JOB_ID}`);

    const details = await screen.findByRole('region', { name: 'Details' });
    expect(screen.getByRole('heading', { level: 1, name: 'Job 5f0c2f7e' })).toBeVisible();
    expect(document.title).toBe('Job 5f0c2f7e · Rigshare');
    expect(screen.getByText('exited with 0')).toBeVisible();

    expect(details).toHaveTextContent('python3 train.py --epochs 3');
    expect(details).toHaveTextContent('EPOCHS=3');
    expect(details).toHaveTextContent('2 tokens / hour'); // max price, 2000000 base units
    expect(details).toHaveTextContent('1.5 tokens / hour'); // the matched price
    expect(details).toHaveTextContent('Most it can cost at its price1.5 tokens');

    const timeline = within(screen.getByRole('region', { name: 'Timeline' })).getAllByRole(
      'listitem',
    );
    expect(timeline).toHaveLength(3);
    expect(timeline[0]).toHaveTextContent('new → to queued');
    expect(timeline[2]).toHaveTextContent('assigned → to running');
    expect(timeline[1]).toHaveTextContent('attempt 1 · matched to rig-01');

    const attempts = screen.getByRole('region', { name: 'Attempts' });
    expect(within(attempts).getByRole('row', { name: /#1/ })).toHaveTextContent(
      NODE_ID.slice(0, 8),
    );

    const receipt = screen.getByRole('region', { name: 'Receipt' });
    expect(receipt).toHaveTextContent(`${RESULT_SHA.slice(0, 8)}…${RESULT_SHA.slice(-8)}`);
    expect(receipt).toHaveTextContent(`${SIGNATURE.slice(0, 8)}…${SIGNATURE.slice(-8)}`);
    expect(receipt).toHaveTextContent(`${NODE_KEY.slice(0, 8)}…`);
    await userEvent.click(within(receipt).getByRole('button', { name: 'Copy signature' }));
    expect(writeText).toHaveBeenCalledWith(SIGNATURE);
    expect(within(receipt).getByRole('button', { name: 'Copy signature' })).toHaveTextContent(
      'Copied ✓',
    );
    await userEvent.click(within(receipt).getByRole('button', { name: 'Copy result SHA-256' }));
    expect(writeText).toHaveBeenLastCalledWith(RESULT_SHA);
    // An ended job has nothing to cancel.
    expect(screen.queryByRole('button', { name: 'Cancel job…' })).toBeNull();
  });

  it('cancels a running job after confirmation, then says it is stopping on the node', async () => {
    let job = jobView();
    const api = stubApi(
      routes({
        [`GET ${JOB_PATH}`]: () => json(200, jobDetail(job)),
        [`POST ${JOB_PATH}/cancel`]: () => {
          job = jobView({ cancelRequested: true });
          return json(200, job);
        },
      }),
    );
    renderApp(fakeWallet().state, `/jobs/${JOB_ID}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Cancel job…' }));

    const dialog = screen.getByRole('dialog', { name: 'Cancel this job?' });
    expect(dialog).toHaveTextContent('its node is told to stop it');
    // The safe choice has focus: Enter on an accidental open keeps the job.
    expect(within(dialog).getByRole('button', { name: 'Keep the job' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel job' }));

    expect(await screen.findByText('Stopping on the node…')).toBeVisible();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel job…' })).toBeNull();
    expect(api.callsTo('POST', `${JOB_PATH}/cancel`)).toHaveLength(1);
    expect(screen.getByText('Cancellation requested')).toBeVisible();

    // When the node reports, the job ends and the note goes.
    job = jobView({ state: 'cancelled', cancelRequested: true, reason: 'cancelled by the buyer' });
    await waitFor(() => expect(screen.queryByText('Stopping on the node…')).toBeNull(), {
      timeout: 5000,
    });
    expect(screen.getByText('cancelled by the buyer')).toBeVisible();
  });

  it('keeps the job when the dialog is dismissed with Escape', async () => {
    const api = stubApi(routes());
    renderApp(fakeWallet().state, `/jobs/${JOB_ID}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Cancel job…' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.callsTo('POST', `${JOB_PATH}/cancel`)).toHaveLength(0);
  });

  it('shows a host the job read-only, with the buyer’s values hidden', async () => {
    const hidden = jobView({
      runtime: { ...jobView().runtime, env: { EPOCHS: '***', HF_TOKEN: '***' } },
    });
    stubApi(routes({ [`GET ${JOB_PATH}`]: () => json(200, jobDetail(hidden, 'host')) }));
    renderApp(fakeWallet().state, `/jobs/${JOB_ID}`);

    expect(await screen.findByText(/one of your nodes ran it/)).toBeVisible();
    expect(screen.getByRole('region', { name: 'Details' })).toHaveTextContent('HF_TOKEN=***');
    expect(screen.queryByRole('button', { name: 'Cancel job…' })).toBeNull();
    // A host can open its node's page from the job.
    expect(
      within(screen.getByRole('region', { name: 'Details' })).getByRole('link', {
        name: NODE_ID.slice(0, 8),
      }),
    ).toHaveAttribute('href', `/hosts/nodes/${NODE_ID}`);
  });

  it('says the job does not exist or is not yours on 404', async () => {
    stubApi(
      routes({ [`GET ${JOB_PATH}`]: () => json(404, { code: 'NOT_FOUND', message: 'no job' }) }),
    );
    renderApp(fakeWallet().state, `/jobs/${JOB_ID}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Job not found' })).toBeVisible();
    expect(screen.getByRole('alert')).toHaveTextContent('neither yours nor run by your nodes');
  });

  it('shows what the job was billed, from its escrow to the refund', async () => {
    stubApi(
      routes({
        [`GET ${JOB_PATH}`]: answerJob(succeededJob({ billing: billedFiveMinutes(true) })),
      }),
    );
    renderApp(fakeWallet().state, `/jobs/${JOB_ID}`);
    const billing = await screen.findByRole('region', { name: 'Billing' });
    expect(billing).toHaveTextContent('Held (escrow)2 tokens');
    expect(billing).toHaveTextContent('Billed time5 min');
    expect(billing).toHaveTextContent('Charged0.125 tokens');
    expect(billing).toHaveTextContent('Marketplace fee0.00625 tokens');
    expect(billing).toHaveTextContent('Given back to you1.875 tokens');
    expect(billing).toHaveTextContent('Settled: these figures are final.');
  });

  it('shows the escrow of a running job that is not billed yet', async () => {
    const held = { escrow: '2000000', charge: null, fee: null, refund: null, billedSeconds: null };
    stubApi(
      routes({ [`GET ${JOB_PATH}`]: answerJob(jobView({ billing: { ...held, settled: false } })) }),
    );
    renderApp(fakeWallet().state, `/jobs/${JOB_ID}`);
    const billing = await screen.findByRole('region', { name: 'Billing' });
    expect(billing).toHaveTextContent('Held (escrow)2 tokens');
    expect(billing).toHaveTextContent('Not billed yet');
    expect(billing).not.toHaveTextContent('Charged');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Job');
  });

  it('keeps reading an ended job until its billing is settled', async () => {
    const billed = (settled: boolean) =>
      answerJob(succeededJob({ billing: billedFiveMinutes(settled) }));
    stubApi(routes({ [`GET ${JOB_PATH}`]: [billed(false), billed(true)] }));
    renderApp(fakeWallet().state, `/jobs/${JOB_ID}`);
    const billing = await screen.findByRole('region', { name: 'Billing' });
    expect(billing).toHaveTextContent('Not settled yet');
    await waitFor(() => expect(billing).toHaveTextContent('Settled: these figures are final.'), {
      timeout: 5000,
    });
  });

  it('says a queued job waits for funds, and leads to the balance', async () => {
    stubApi(
      routes({
        [`GET ${JOB_PATH}`]: answerJob(
          jobView({
            state: 'queued',
            nodeId: null,
            attempt: 0,
            startedAt: null,
            assignedAt: null,
            pricePerHour: null,
            billing: null,
            waiting: {
              code: 'INSUFFICIENT_BALANCE',
              message:
                'Your available balance (0.5 tokens) is below the 2 tokens this job may cost.',
            },
          }),
        ),
      }),
    );
    renderApp(fakeWallet().state, `/jobs/${JOB_ID}`);
    const waiting = await screen.findByText('Waiting for funds');
    const note = waiting.closest('.alert') as HTMLElement;
    expect(note).toHaveTextContent('is below the 2 tokens this job may cost.');
    expect(within(note).getByRole('link', { name: 'Deposit tokens' })).toHaveAttribute(
      'href',
      '/balance',
    );
    expect(screen.getByRole('region', { name: 'Billing' })).toHaveTextContent('Nothing held yet');
  });
});
