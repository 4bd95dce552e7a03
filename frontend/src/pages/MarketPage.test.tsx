import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, stubApi, type Handler } from '../test/fakeApi';
import { sessionFor, storeSession } from '../test/fixtures';
import { WALLET_ADDRESS, fakeWallet, renderApp } from '../test/harness';
import { CHAIN, JOB_ID, jobDetail, jobView } from '../test/jobFixtures';
import {
  H100_OFFER,
  H100_ID,
  OFFER_ID,
  SUMMARY,
  cursorAfter,
  offer,
  offerPage,
} from '../test/marketFixtures';

function routes(offers: Handler | Handler[], extra: Record<string, Handler | Handler[]> = {}) {
  return {
    'GET /api/chain': () => json(200, CHAIN),
    'GET /api/offers': offers,
    'GET /api/offers/summary': () => json(200, SUMMARY),
    ...extra,
  };
}

const signedOut = () => fakeWallet({ address: null }).state;

const PAGE_2 = cursorAfter(OFFER_ID);
const PAGE_3 = cursorAfter(H100_ID);
const A100_OFFER = offer({
  id: '10000000-0000-4000-8000-000000000003',
  gpuModel: 'NVIDIA A100 80GB',
});
/** Three pages of one offer each, chained by their cursors as the API chains them. */
const THREE_PAGES = {
  '': offerPage([offer()], PAGE_2),
  [PAGE_2]: offerPage([H100_OFFER], PAGE_3),
  [PAGE_3]: offerPage([A100_OFFER]),
};

/** Answers each request with the page its `after` cursor names. */
function pagesOf(pages: Record<string, unknown>): Handler {
  return (call) => json(200, pages[call.query.after ?? '']);
}

const pager = () => screen.getByRole('navigation', { name: 'Pages of offers' });

async function clickPager(name: 'Previous' | 'Next') {
  await userEvent.click(
    within(await screen.findByRole('navigation', { name: 'Pages of offers' })).getByRole('button', {
      name,
    }),
  );
}

describe('Marketplace', () => {
  it('lists the offers with their figures, without a session, and links each to its page', async () => {
    const api = stubApi(routes(() => json(200, offerPage([offer(), H100_OFFER]))));
    renderApp(signedOut(), '/market');

    const table = await screen.findByRole('table', { name: 'GPU offers' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByRole('link', { name: 'NVIDIA GeForce RTX 4090' })).toHaveAttribute(
      'href',
      `/market/${OFFER_ID}`,
    );
    expect(rows[0]).toHaveTextContent('1 of 2 GPUs free');
    expect(rows[0]).toHaveTextContent('24 GiB');
    expect(rows[0]).toHaveTextContent('1,850');
    expect(rows[0]).toHaveTextContent('0.74'); // 740000 base units, 6 decimals
    expect(rows[0]).toHaveTextContent('0.0004'); // 400.0000 base units per score unit
    expect(rows[0]).toHaveTextContent('97.12 %');
    expect(rows[0]).toHaveTextContent('eu-west');
    expect(rows[1]).toHaveTextContent('new'); // no reliability yet
    expect(within(rows[1]).getByRole('link', { name: /^Rent NVIDIA H100/ })).toHaveAttribute(
      'href',
      `/jobs/new?node=${H100_OFFER.id}`,
    );
    expect(api.callsTo('GET', '/api/offers')[0].query).toEqual({
      sort: 'pricePerUnit',
      size: '25',
    });
    expect(api.callsTo('GET', '/api/offers')[0].authorization).toBeNull();
  });

  it('reads its filters from the address and writes applied ones back to it', async () => {
    const api = stubApi(routes(() => json(200, offerPage([offer()]))));
    renderApp(signedOut(), '/market?model=4090&minReliability=90&sort=score&after=bad!');
    await screen.findByRole('table');
    expect(api.callsTo('GET', '/api/offers')[0].query).toEqual({
      model: '4090',
      minReliability: '90',
      sort: 'score',
      size: '25',
    });
    expect(screen.getByRole('textbox', { name: 'GPU model' })).toHaveValue('4090');

    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Min VRAM (GB)' }), '24');
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Max tokens / GPU-h' })).toBeEnabled(),
    );
    await user.type(screen.getByRole('textbox', { name: 'Max tokens / GPU-h' }), '0.8');
    await user.click(screen.getByRole('button', { name: 'Apply' }));

    await waitFor(() =>
      expect(window.location.search).toBe(
        '?model=4090&minVramGb=24&maxPricePerGpuHour=800000&minReliability=90&sort=score',
      ),
    );
    await waitFor(() =>
      expect(api.callsTo('GET', '/api/offers').at(-1)!.query).toEqual({
        model: '4090',
        minVramGb: '24',
        maxPricePerGpuHour: '800000',
        minReliability: '90',
        sort: 'score',
        size: '25',
      }),
    );
  });

  it('refuses a filter the API would refuse, and says why', async () => {
    const api = stubApi(routes(() => json(200, offerPage([offer()]))));
    renderApp(signedOut(), '/market');
    await screen.findByRole('table');
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Min reliability (%)' }), '101');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Min reliability: enter a whole number from 0 to 100.',
    );
    expect(api.callsTo('GET', '/api/offers')).toHaveLength(1);
  });

  it('sorts by a column header, marked with aria-sort', async () => {
    const api = stubApi(routes(() => json(200, offerPage([offer()]))));
    renderApp(signedOut(), '/market');
    const table = await screen.findByRole('table');
    const header = (name: RegExp) => within(table).getByRole('columnheader', { name });
    expect(header(/Per score unit/)).toHaveAttribute('aria-sort', 'ascending');
    expect(header(/Reliability/)).toHaveAttribute('aria-sort', 'none');

    await userEvent.click(within(header(/Reliability/)).getByRole('button'));
    const sorted = await screen.findByRole('table');
    expect(within(sorted).getByRole('columnheader', { name: /Reliability/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    expect(window.location.search).toBe('?sort=reliability');
    expect(api.callsTo('GET', '/api/offers').at(-1)!.query.sort).toBe('reliability');
  });

  it('pages forward by each page’s cursor and back again, in the address', async () => {
    const api = stubApi(routes(pagesOf(THREE_PAGES)));
    renderApp(signedOut(), '/market');
    await clickPager('Next');
    expect(await screen.findByRole('link', { name: 'NVIDIA H100 80GB HBM3' })).toBeVisible();
    expect(window.location.search).toBe(`?after=${PAGE_2}`);
    await clickPager('Next');
    expect(await screen.findByRole('link', { name: 'NVIDIA A100 80GB' })).toBeVisible();
    expect(window.location.search).toBe(`?after=${PAGE_2}&after=${PAGE_3}`);
    expect(pager()).toHaveTextContent('Page 3');
    expect(within(pager()).getByRole('button', { name: 'Next' })).toBeDisabled();

    await clickPager('Previous');
    expect(await screen.findByRole('link', { name: 'NVIDIA H100 80GB HBM3' })).toBeVisible();
    expect(pager()).toHaveTextContent('Page 2');
    await clickPager('Previous');
    expect(await screen.findByRole('link', { name: 'NVIDIA GeForce RTX 4090' })).toBeVisible();
    expect(window.location.search).toBe('');
    expect(api.callsTo('GET', '/api/offers').map((c) => c.query.after)).toEqual([
      undefined,
      PAGE_2,
      PAGE_3,
      PAGE_2,
      undefined,
    ]);
    expect(api.callsTo('GET', '/api/offers').every((c) => c.query.page === undefined)).toBe(true);
  });

  it('opens a deep page from its address, and follows the browser’s back button', async () => {
    const api = stubApi(routes(pagesOf(THREE_PAGES)));
    renderApp(signedOut(), `/market?sort=score&after=${PAGE_2}&after=${PAGE_3}`);
    expect(await screen.findByRole('link', { name: 'NVIDIA A100 80GB' })).toBeVisible();
    expect(pager()).toHaveTextContent('Page 3');
    expect(api.callsTo('GET', '/api/offers')[0].query).toEqual({
      sort: 'score',
      after: PAGE_3,
      size: '25',
    });

    await clickPager('Previous');
    expect(await screen.findByRole('link', { name: 'NVIDIA H100 80GB HBM3' })).toBeVisible();
    act(() => window.history.back());
    expect(await screen.findByRole('link', { name: 'NVIDIA A100 80GB' })).toBeVisible();
    expect(window.location.search).toBe(`?sort=score&after=${PAGE_2}&after=${PAGE_3}`);
  });

  it('starts again from page 1 when a filter or the order changes', async () => {
    const api = stubApi(routes(pagesOf(THREE_PAGES)));
    renderApp(signedOut(), `/market?after=${PAGE_2}`);
    const table = await screen.findByRole('table');
    await userEvent.click(
      within(within(table).getByRole('columnheader', { name: /Score/ })).getByRole('button'),
    );
    await waitFor(() => expect(window.location.search).toBe('?sort=score'));
    expect(await screen.findByRole('link', { name: 'NVIDIA GeForce RTX 4090' })).toBeVisible();

    await clickPager('Next');
    await waitFor(() => expect(window.location.search).toBe(`?sort=score&after=${PAGE_2}`));
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Min score' }), '1000');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(window.location.search).toBe('?minScore=1000&sort=score'));
    await waitFor(() =>
      expect(api.callsTo('GET', '/api/offers').at(-1)!.query).toEqual({
        minScore: '1000',
        sort: 'score',
        size: '25',
      }),
    );
  });

  it('offers page 1 when a cursor is refused', async () => {
    stubApi(
      routes((call) =>
        call.query.after
          ? json(400, { code: 'VALIDATION_FAILED', message: 'after: not a cursor of these offers' })
          : json(200, offerPage([offer()])),
      ),
    );
    renderApp(signedOut(), `/market?after=${PAGE_2}`);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('after: not a cursor of these offers');
    await userEvent.click(within(alert).getByRole('button', { name: 'Back to page 1' }));
    expect(await screen.findByRole('table')).toBeVisible();
    expect(window.location.search).toBe('');
  });

  it('filters by a model from the summary strip', async () => {
    const api = stubApi(routes(() => json(200, offerPage([offer()]))));
    renderApp(signedOut(), '/market');
    const chip = await screen.findByRole('button', {
      name: 'Show NVIDIA GeForce RTX 4090 offers: 3 nodes, 4 GPUs',
    });
    expect(chip).toHaveTextContent('0.74–1 / GPU-h');
    expect(chip).toHaveTextContent('median 0.9');
    await userEvent.click(chip);
    await waitFor(() =>
      expect(api.callsTo('GET', '/api/offers').at(-1)!.query.model).toBe('NVIDIA GeForce RTX 4090'),
    );
    expect(screen.getByRole('textbox', { name: 'GPU model' })).toHaveValue(
      'NVIDIA GeForce RTX 4090',
    );
  });

  it('says when no offer matches and clears the filters on request', async () => {
    stubApi(routes((call) => json(200, offerPage(call.query.model ? [] : [offer()]))));
    renderApp(signedOut(), '/market?model=A100');
    expect(await screen.findByText('No free GPU matches these filters right now.')).toBeVisible();
    await userEvent.click(screen.getAllByRole('button', { name: 'Clear filters' })[1]);
    expect(await screen.findByRole('table')).toBeVisible();
    expect(window.location.search).toBe('');
  });

  it('says when nothing is offered at all, with a next step', async () => {
    stubApi(routes(() => json(200, offerPage([]))));
    renderApp(signedOut(), '/market');
    const empty = await screen.findByText(/No GPU is free right now/);
    expect(within(empty).getByRole('link', { name: 'offer your own GPU' })).toHaveAttribute(
      'href',
      '/hosts/add',
    );
  });

  it('says what went wrong and retries on request', async () => {
    stubApi(
      routes([
        () => json(503, { code: 'SERVICE_UNAVAILABLE', message: 'The database is busy.' }),
        () => json(200, offerPage([offer()])),
      ]),
    );
    renderApp(signedOut(), '/market');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The offers could not be loaded');
    expect(alert).toHaveTextContent('The database is busy.');
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('table')).toBeVisible();
  });
});

describe('An offer’s page', () => {
  it('shows every figure of a deep-linked offer', async () => {
    const api = stubApi(
      routes(() => json(200, offerPage([H100_OFFER])), {
        [`GET /api/offers/${OFFER_ID}`]: () => json(200, offer()),
      }),
    );
    renderApp(signedOut(), `/market/${OFFER_ID}`);
    expect(await screen.findByRole('heading', { name: 'NVIDIA GeForce RTX 4090' })).toBeVisible();
    const figures = screen.getByRole('region', { name: 'Figures' });
    expect(figures).toHaveTextContent('GPUs offered2');
    expect(figures).toHaveTextContent('Free now1');
    expect(figures).toHaveTextContent('VRAM per GPU24 GiB');
    expect(figures).toHaveTextContent('Tokens per GPU-hour0.74');
    expect(figures).toHaveTextContent('Tokens per hour, all 2 GPUs1.48');
    expect(figures).toHaveTextContent('Reliability97.12 %');
    expect(figures).toHaveTextContent('Regioneu-west');
    expect(within(figures).getByRole('link', { name: 'Rent this GPU' })).toHaveAttribute(
      'href',
      `/jobs/new?node=${OFFER_ID}`,
    );
    expect(api.callsTo('GET', `/api/offers/${OFFER_ID}`)).toHaveLength(1);
    expect(api.callsTo('GET', '/api/offers')).toHaveLength(0);
  });

  it('says so when the node offers nothing now', async () => {
    stubApi(
      routes(() => json(200, offerPage([H100_OFFER])), {
        [`GET /api/offers/${OFFER_ID}`]: () =>
          json(404, { code: 'NOT_FOUND', message: 'offer not found' }),
      }),
    );
    renderApp(signedOut(), `/market/${OFFER_ID}`);
    expect(await screen.findByRole('heading', { name: 'Offer not available' })).toBeVisible();
    expect(screen.getByRole('alert')).toHaveTextContent('offers no free GPU right now');
  });

  it('rents the GPU: the job it submits targets the node', async () => {
    storeSession(sessionFor());
    const api = stubApi(
      routes(() => json(200, offerPage([offer()])), {
        [`GET /api/offers/${OFFER_ID}`]: () => json(200, offer()),
        'GET /api/me': () => json(200, { address: WALLET_ADDRESS }),
        'GET /api/queue/stats': () => json(503, { code: 'X', message: 'no stats' }),
        'POST /api/jobs': () => json(201, jobView({ state: 'queued', targetNodeId: OFFER_ID })),
        [`GET /api/jobs/${JOB_ID}`]: () => json(200, jobDetail(jobView({ state: 'queued' }))),
      }),
    );
    renderApp(fakeWallet().state, `/market/${OFFER_ID}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('link', { name: 'Rent this GPU' }));

    expect(await screen.findByRole('heading', { name: /For node 10000000 only/ })).toBeVisible();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Submit job' })).toBeEnabled());
    await user.type(screen.getByRole('textbox', { name: 'Command' }), 'nvidia-smi');
    await user.type(screen.getByRole('textbox', { name: 'Max price per hour' }), '1');
    await user.click(screen.getByRole('button', { name: 'Submit job' }));

    await waitFor(() => expect(api.callsTo('POST', '/api/jobs')).toHaveLength(1));
    expect(api.callsTo('POST', '/api/jobs')[0].body).toMatchObject({
      nodeId: OFFER_ID,
      runtime: { type: 'process', command: 'nvidia-smi' },
      maxPricePerHour: 1_000_000,
    });
  });
});
