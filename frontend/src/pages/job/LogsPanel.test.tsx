import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { END_EVENT, eventStream, json, logEvent, stubApi } from '../../test/fakeApi';
import { sessionFor, storeSession } from '../../test/fixtures';
import { WALLET_ADDRESS, fakeWallet, renderApp } from '../../test/harness';
import { CHAIN, JOB_ID, jobDetail, jobView } from '../../test/jobFixtures';

const JOB_PATH = `/api/jobs/${JOB_ID}`;

function setup(job = jobView(), parts: string[] = []) {
  const stream = eventStream(parts, { open: true });
  const api = stubApi({
    'GET /api/me': () => json(200, { address: WALLET_ADDRESS }),
    'GET /api/chain': () => json(200, CHAIN),
    [`GET ${JOB_PATH}`]: () => json(200, jobDetail(job)),
    [`GET ${JOB_PATH}/logs`]: () => stream.response,
  });
  renderApp(fakeWallet().state, `/jobs/${JOB_ID}`);
  return { api, stream };
}

const output = () => screen.findByRole('region', { name: 'Job output' });
const line = (seq: number, data: string, stream = 'stdout', attempt = 1) =>
  logEvent({ attempt, seq, stream, data });

/** jsdom does no layout: a 100 px log box whose content grows 100 px per chunk, with a settable scroll. */
function fakeScrolling(box: HTMLElement) {
  let top = 0;
  Object.defineProperty(box, 'clientHeight', { configurable: true, get: () => 100 });
  Object.defineProperty(box, 'scrollHeight', {
    configurable: true,
    get: () => 100 * box.querySelectorAll('.log__chunk').length,
  });
  Object.defineProperty(box, 'scrollTop', {
    configurable: true,
    get: () => top,
    set: (value: number) => {
      top = value;
    },
  });
  return {
    get top() {
      return top;
    },
    scrollTo(value: number) {
      top = value;
      fireEvent.scroll(box);
    },
  };
}

describe('Job output', () => {
  beforeEach(() => storeSession(sessionFor()));

  it('streams stdout and stderr told apart, marks a new attempt, and filters by stream', async () => {
    const { stream } = setup(jobView({ attempt: 2 }), [line(0, 'loading data\n')]);
    const box = await output();
    await waitFor(() => expect(box).toHaveTextContent('loading data'));
    expect(screen.getByText('Live')).toBeVisible();

    act(() => {
      stream.push(line(1, 'warning: slow disk\n', 'stderr'));
      stream.push(line(0, 'epoch 1 loss=0.4\n', 'stdout', 2));
    });
    await waitFor(() => expect(box).toHaveTextContent('epoch 1 loss=0.4'));
    expect(within(box).getByText('warning: slow disk')).toHaveClass('log__chunk--stderr');
    expect(within(box).getByText('loading data')).not.toHaveClass('log__chunk--stderr');
    expect(within(box).getByText(/attempt 2/)).toHaveClass('log__attempt');

    await userEvent.click(screen.getByRole('radio', { name: 'stderr' }));
    expect(box).toHaveTextContent('warning: slow disk');
    expect(box).not.toHaveTextContent('loading data');
    await userEvent.click(screen.getByRole('radio', { name: 'stdout' }));
    expect(box).not.toHaveTextContent('warning: slow disk');
    expect(box).toHaveTextContent('epoch 1 loss=0.4');
  });

  it('says complete at the end event and loads the job’s final state', async () => {
    const { api, stream } = setup(jobView(), [line(0, 'done\n')]);
    await output();
    const before = api.callsTo('GET', JOB_PATH).length;
    act(() => {
      stream.push(END_EVENT);
      stream.close();
    });
    expect(await screen.findByText('Complete')).toBeVisible();
    await waitFor(() => expect(api.callsTo('GET', JOB_PATH).length).toBeGreaterThan(before));
  });

  it('follows new output until scrolled up, then offers to jump to the latest', async () => {
    const { stream } = setup(jobView(), [line(0, 'a\n')]);
    const box = await output();
    await waitFor(() => expect(box).toHaveTextContent('a'));
    const scroll = fakeScrolling(box);

    act(() => stream.push(line(1, 'b\n')));
    await waitFor(() => expect(box).toHaveTextContent('b'));
    expect(scroll.top).toBe(200); // at the bottom: 2 chunks of 100 px

    // The person scrolls up to read: new output must not pull them down.
    act(() => scroll.scrollTo(0));
    const jump = await screen.findByRole('button', { name: '↓ Jump to latest' });
    act(() => stream.push(line(2, 'c\n')));
    await waitFor(() => expect(box).toHaveTextContent('c'));
    expect(scroll.top).toBe(0);

    await userEvent.click(jump);
    expect(scroll.top).toBe(300);
    expect(screen.queryByRole('button', { name: '↓ Jump to latest' })).toBeNull();

    // Following again: the next chunk scrolls the box down with it.
    act(() => stream.push(line(3, 'd\n')));
    await waitFor(() => expect(scroll.top).toBe(400));

    // Scrolling back down by hand resumes following too.
    act(() => scroll.scrollTo(50));
    expect(await screen.findByRole('button', { name: '↓ Jump to latest' })).toBeVisible();
    act(() => scroll.scrollTo(290)); // 10 px from the bottom: close enough
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: '↓ Jump to latest' })).toBeNull(),
    );
  });

  it('notes truncated logs, from the job or from the end event', async () => {
    setup(jobView({ logsTruncated: true, logBytes: 8 * 1024 * 1024 }));
    expect(await screen.findByText(/Logs truncated/)).toHaveTextContent('8 MiB kept');
  });

  it('notes truncation announced by the end event', async () => {
    const { stream } = setup(jobView());
    await output();
    expect(screen.queryByText(/Logs truncated/)).toBeNull();
    act(() => stream.push('event: end\ndata: {"state":"succeeded","truncated":true}\n\n'));
    expect(await screen.findByText(/Logs truncated/)).toBeVisible();
  });

  it('says what to expect while there is no output', async () => {
    setup(jobView({ state: 'queued', startedAt: null, nodeId: null, attempt: 0 }));
    const box = await output();
    expect(box).toHaveTextContent('No output yet: the job has not started.');
  });
});
