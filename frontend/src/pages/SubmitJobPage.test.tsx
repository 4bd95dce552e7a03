import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { eventStream, json, stubApi, type Handler } from '../test/fakeApi';
import { sessionFor, storeSession } from '../test/fixtures';
import { WALLET_ADDRESS, fakeWallet, renderApp } from '../test/harness';
import { CHAIN, JOB_ID, QUEUE_STATS, jobDetail, jobView } from '../test/jobFixtures';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function routes(extra: Record<string, Handler | Handler[]> = {}) {
  return {
    'GET /api/me': () => json(200, { address: WALLET_ADDRESS }),
    'GET /api/chain': () => json(200, CHAIN),
    'GET /api/queue/stats': () => json(200, QUEUE_STATS),
    'POST /api/jobs': () => json(201, jobView({ state: 'queued' })),
    [`GET /api/jobs/${JOB_ID}`]: () => json(200, jobDetail(jobView({ state: 'queued' }))),
    [`GET /api/jobs/${JOB_ID}/logs`]: () => eventStream([], { open: true }).response,
    ...extra,
  };
}

async function openForm() {
  renderApp(fakeWallet().state, '/jobs/new');
  await screen.findByRole('form', { name: 'New job' });
  // The token's decimals come first: until then the form cannot be sent.
  await waitFor(() => expect(screen.getByRole('button', { name: 'Submit job' })).toBeEnabled());
}

async function fill(user: ReturnType<typeof userEvent.setup>, label: string, text: string) {
  const field = screen.getByRole('textbox', { name: label });
  await user.clear(field);
  if (text) await user.type(field, text);
}

describe('Submit a job', () => {
  beforeEach(() => storeSession(sessionFor()));

  it('shows the queue’s figures', async () => {
    stubApi(routes());
    renderApp(fakeWallet().state, '/jobs/new');
    const queue = await screen.findByRole('region', { name: 'Queue now' });
    await waitFor(() => expect(queue).toHaveTextContent('Queued3'));
    expect(queue).toHaveTextContent('Oldest queued42 s');
    expect(queue).toHaveTextContent('Start delay p50840 ms');
    expect(queue).toHaveTextContent('Start delay p996.1 s');
    expect(queue).toHaveTextContent('over the 57 jobs that started in the last 15 min');
  });

  it('shows the most the job can cost as price and time limit are typed', async () => {
    stubApi(routes());
    await openForm();
    const user = userEvent.setup();
    const cost = screen.getByRole('heading', { name: 'Most this job can cost' }).parentElement!;
    expect(cost).toHaveTextContent('Enter a max price per hour and a time limit');

    await fill(user, 'Max price per hour', '2.5');
    await fill(user, 'Hours', '5');
    await fill(user, 'Minutes', '30');
    expect(cost).toHaveTextContent('13.75 tokens');
    expect(cost).toHaveTextContent('2.5 tokens / hour × 5 h 30 min');

    await fill(user, 'GPUs', '2');
    expect(cost).toHaveTextContent('Nodes up to 1.25 tokens per GPU-hour qualify for 2 GPUs.');

    await fill(user, 'Max price per hour', '2.5x');
    expect(cost).toHaveTextContent('Enter a max price per hour and a time limit');
  });

  it('lists what blocks submitting, next to each field, and sends nothing', async () => {
    const api = stubApi(routes());
    await openForm();
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: 'Container' }));
    await fill(user, 'Image', 'PyTorch:latest');
    await user.click(screen.getByRole('button', { name: 'Add variable' }));
    await user.type(screen.getByRole('textbox', { name: 'Name of variable 1' }), 'RIGSHARE_X');
    await fill(user, 'Hours', '169');
    await user.click(screen.getByRole('button', { name: 'Submit job' }));

    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(summary).toHaveFocus());
    expect(summary).toHaveTextContent('Fix these 4 before submitting');
    expect(within(summary).getByRole('link', { name: 'Image' })).toBeVisible();
    expect(screen.getByRole('textbox', { name: 'Image' })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('textbox', { name: 'Image' })).toHaveAccessibleDescription(
      /Not a valid image reference/,
    );
    expect(screen.getByRole('textbox', { name: 'Name of variable 1' })).toHaveAccessibleDescription(
      'RIGSHARE_ variables are reserved: the agent sets them.',
    );
    expect(screen.getByRole('textbox', { name: 'Max price per hour' })).toHaveAccessibleDescription(
      /Enter an amount/,
    );
    expect(screen.getByText('The longest time limit is 7 days (168 hours).')).toBeVisible();

    // The summary's links take the cursor to the field.
    await user.click(within(summary).getByRole('link', { name: 'Max price per hour' }));
    expect(screen.getByRole('textbox', { name: 'Max price per hour' })).toHaveFocus();
    expect(api.callsTo('POST', '/api/jobs')).toHaveLength(0);
  });

  it('sends the job with an Idempotency-Key and opens its page', async () => {
    const api = stubApi(routes());
    await openForm();
    const user = userEvent.setup();
    await fill(user, 'Command', 'python3 train.py');
    await user.click(screen.getByRole('button', { name: 'Add variable' }));
    expect(screen.getByRole('textbox', { name: 'Name of variable 1' })).toHaveFocus();
    await user.keyboard('EPOCHS');
    await user.type(screen.getByRole('textbox', { name: 'Value of variable 1' }), '3');
    await user.click(screen.getByRole('button', { name: 'Add variable' }));
    await user.keyboard('TMP');
    await user.click(screen.getByRole('button', { name: 'Remove variable 2 (TMP)' }));
    await fill(user, 'GPU models (optional)', 'RTX 4090, A6000');
    await fill(user, 'Max price per hour', '0.75');
    await fill(user, 'Minutes', '15');
    await user.click(screen.getByRole('button', { name: 'Submit job' }));

    await waitFor(() => expect(window.location.pathname).toBe(`/jobs/${JOB_ID}`));
    const [call] = api.callsTo('POST', '/api/jobs');
    expect(call.body).toEqual({
      runtime: { type: 'process', command: 'python3 train.py', env: { EPOCHS: '3' } },
      requirements: { gpuCount: 1, gpuModels: ['RTX 4090', 'A6000'] },
      maxPricePerHour: 750_000,
      timeLimitSeconds: 3600 + 15 * 60,
    });
    expect(api.headersOf(call).get('Idempotency-Key')).toMatch(UUID);
    expect(screen.getByText('Job submitted')).toBeVisible();
    expect(await screen.findByRole('heading', { level: 1, name: 'Job 5f0c2f7e' })).toBeVisible();
  });

  it('retries a failed submission with the same key, and a changed form with a new one', async () => {
    const api = stubApi(
      routes({
        'POST /api/jobs': [
          () => {
            throw new TypeError('Failed to fetch');
          },
          () => json(503, { code: 'SERVICE_UNAVAILABLE', message: 'Try again shortly.' }),
          () => json(201, jobView({ state: 'queued' })),
        ],
      }),
    );
    await openForm();
    const user = userEvent.setup();
    await fill(user, 'Command', 'make train');
    await fill(user, 'Max price per hour', '1');
    await user.click(screen.getByRole('button', { name: 'Submit job' }));

    const failure = await screen.findByRole('alert');
    expect(failure).toHaveTextContent('The job was not submitted');
    expect(failure).toHaveTextContent('API is unreachable');
    expect(failure).toHaveTextContent('submitting again is safe');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Try again shortly.')).toBeVisible();

    await fill(user, 'Max price per hour', '1.5');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(window.location.pathname).toBe(`/jobs/${JOB_ID}`));

    const keys = api
      .callsTo('POST', '/api/jobs')
      .map((c) => api.headersOf(c).get('Idempotency-Key'));
    expect(keys).toHaveLength(3);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('sends one request on a double click', async () => {
    let answer!: (response: Response) => void;
    const api = stubApi(
      routes({ 'POST /api/jobs': () => new Promise<Response>((resolve) => (answer = resolve)) }),
    );
    await openForm();
    const user = userEvent.setup();
    await fill(user, 'Command', 'make train');
    await fill(user, 'Max price per hour', '1');
    await user.dblClick(screen.getByRole('button', { name: 'Submit job' }));
    expect(await screen.findByRole('button', { name: 'Submitting…' })).toBeDisabled();
    answer(json(201, jobView({ state: 'queued' })));
    await waitFor(() => expect(window.location.pathname).toBe(`/jobs/${JOB_ID}`));
    expect(api.callsTo('POST', '/api/jobs')).toHaveLength(1);
  });

  it('shows the server’s validation problems beside the form and the field', async () => {
    stubApi(
      routes({
        'POST /api/jobs': () =>
          json(400, {
            code: 'VALIDATION_FAILED',
            message:
              'requirements.minScore: must be 0 or more; nodeId: no such node; timeLimitSeconds: must be between 1 and 3600',
          }),
      }),
    );
    await openForm();
    const user = userEvent.setup();
    await fill(user, 'Command', 'make train');
    await fill(user, 'Max price per hour', '1');
    await fill(user, 'Hours', '2');
    await user.click(screen.getByRole('button', { name: 'Submit job' }));

    const refused = await screen.findByRole('alert');
    expect(refused).toHaveTextContent('The server refused the job');
    expect(
      within(refused)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'requirements.minScore: must be 0 or more',
      'nodeId: no such node',
      'timeLimitSeconds: must be between 1 and 3600',
    ]);
    expect(screen.getByRole('textbox', { name: 'Hours' })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('group', { name: 'Time limit' })).toHaveAccessibleDescription(
      /timeLimitSeconds: must be between 1 and 3600/,
    );

    // Editing the field clears its stale server message; the list stays as the server's answer.
    await fill(user, 'Hours', '1');
    expect(screen.getByRole('textbox', { name: 'Hours' })).not.toHaveAttribute('aria-invalid');
    expect(refused).toHaveTextContent('timeLimitSeconds: must be between 1 and 3600');
  });

  it('reads prices in the token’s own decimals', async () => {
    const api = stubApi(routes({ 'GET /api/chain': () => json(200, { ...CHAIN, decimals: 9 }) }));
    await openForm();
    const user = userEvent.setup();
    await fill(user, 'Command', 'make');
    await fill(user, 'Max price per hour', '1.000000001');
    await user.click(screen.getByRole('button', { name: 'Submit job' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/jobs')).toHaveLength(1));
    expect(api.callsTo('POST', '/api/jobs')[0].body).toMatchObject({
      maxPricePerHour: 1_000_000_001,
    });
  });

  it('assumes 6 decimals, and says so, when the server does not tell', async () => {
    stubApi(
      routes({
        'GET /api/chain': () =>
          json(503, { code: 'SERVICE_UNAVAILABLE', message: 'no Solana cluster' }),
      }),
    );
    await openForm();
    expect(screen.getByText(/amounts here assume 6/)).toBeVisible();
  });

  it('sends no amount while the token’s decimals are unknown, and asks again', async () => {
    stubApi(
      routes({
        'GET /api/chain': [
          () => Promise.reject(new TypeError('Failed to fetch')),
          () => json(200, CHAIN),
        ],
      }),
    );
    renderApp(fakeWallet().state, '/jobs/new');
    const problem = await screen.findByText('The token’s details could not be loaded');
    expect(screen.getByRole('button', { name: 'Submit job' })).toBeDisabled();
    await userEvent.click(
      within(problem.parentElement!).getByRole('button', { name: 'Try again now' }),
    );
    await waitFor(() => expect(screen.getByRole('button', { name: 'Submit job' })).toBeEnabled());
    expect(screen.queryByText('The token’s details could not be loaded')).toBeNull();
  });

  it('asks to sign in first', async () => {
    window.localStorage.clear();
    stubApi(routes());
    renderApp(fakeWallet({ address: null }).state, '/jobs/new');
    expect(await screen.findByRole('heading', { name: 'Sign in to submit a job' })).toBeVisible();
    expect(screen.queryByRole('form', { name: 'New job' })).toBeNull();
  });
});
