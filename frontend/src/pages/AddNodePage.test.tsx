import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, noContent, stubApi } from '../test/fakeApi';
import { challenge, sessionFor, storeSession } from '../test/fixtures';
import { WALLET_ADDRESS, fakeWallet, renderApp } from '../test/harness';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const inMinutes = (m: number) => new Date(NOW.getTime() + m * 60_000).toISOString();

const CREATED = {
  id: '3f2a9c1e-0000-4000-8000-000000000001',
  token: 'rsn_secretvalue',
  expiresAt: inMinutes(10),
  agentCommand:
    'java -jar rigshare-agent.jar register --api http://localhost:8080 --token rsn_secretvalue',
  installCommand:
    'curl -fsSL http://localhost:8080/install.sh | sudo bash -s -- --token rsn_secretvalue',
};
const LISTED = { id: CREATED.id, createdAt: NOW.toISOString(), expiresAt: CREATED.expiresAt };
const NODE_ID = '0b7c1e9a-4d7e-4c53-a7f5-28f0c1b5d0a2';
const STATUS_PATH = `/api/node-tokens/${CREATED.id}`;

function tokenStatus(state: 'pending' | 'used' | 'expired' | 'revoked') {
  return {
    id: CREATED.id,
    state,
    createdAt: NOW.toISOString(),
    expiresAt: CREATED.expiresAt,
    nodeId: state === 'used' ? NODE_ID : null,
  };
}

function baseRoutes() {
  return {
    'GET /api/me': () => json(200, { address: WALLET_ADDRESS }),
    'POST /api/auth/challenge': () => json(200, challenge()),
    'POST /api/auth/session': () => json(200, sessionFor(WALLET_ADDRESS, 'session-token-2')),
    [`GET ${STATUS_PATH}`]: () => json(200, tokenStatus('pending')),
  };
}

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

function setClipboard(value: unknown) {
  Object.defineProperty(window.navigator, 'clipboard', { value, configurable: true });
}

describe('Add a node', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(NOW);
    storeSession(sessionFor());
  });
  afterEach(() => {
    vi.useRealTimers();
    setClipboard(undefined);
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  });

  const user = () => userEvent.setup({ advanceTimers: vi.advanceTimersByTime });

  it('says what to do when there are no tokens yet', async () => {
    stubApi({ ...baseRoutes(), 'GET /api/node-tokens': () => json(200, { tokens: [] }) });
    renderApp(fakeWallet().state, '/hosts/add');
    expect(await screen.findByText(/No unused tokens. Generate one above/)).toBeVisible();
  });

  it('generates a token, shows the command with a live countdown, and copies it', async () => {
    const u = user(); // before the clipboard: user-event installs a clipboard stub of its own
    const writeText = vi.fn().mockResolvedValue(undefined);
    setClipboard({ writeText });
    const api = stubApi({
      ...baseRoutes(),
      'POST /api/node-tokens': () => json(201, CREATED),
      'GET /api/node-tokens': [
        () => json(200, { tokens: [] }),
        () => json(200, { tokens: [LISTED] }),
      ],
    });
    renderApp(fakeWallet().state, '/hosts/add');

    await u.click(await screen.findByRole('button', { name: 'Generate registration token' }));

    const card = await screen.findByRole('article', { name: 'Your registration token' });
    expect(api.callsTo('POST', '/api/node-tokens')[0]).toMatchObject({
      body: undefined,
      authorization: 'Bearer session-token-1',
    });
    expect(within(card).getByText(CREATED.installCommand)).toBeVisible();
    expect(within(card).getByText(CREATED.agentCommand)).toBeVisible();
    expect(within(card).getByText('rsn_secretvalue')).toBeVisible();
    expect(within(card).getByRole('timer')).toHaveTextContent('10:00');
    expect(card).toHaveTextContent(/works once, registers one node, and binds it to the wallet/);
    expect(within(card).getByText('Waiting for your node…')).toBeVisible();

    await u.click(within(card).getByRole('button', { name: 'Copy install command' }));
    expect(writeText).toHaveBeenLastCalledWith(CREATED.installCommand);
    await u.click(within(card).getByRole('button', { name: 'Copy agent command' }));
    expect(writeText).toHaveBeenLastCalledWith(CREATED.agentCommand);
    expect(within(card).getAllByText('Copied to the clipboard.')[0]).toBeVisible();

    // The list was refreshed after generating and now shows the new token.
    const list = screen.getByRole('region', { name: 'Active tokens' });
    expect(await within(list).findByText('Token 3f2a9c1e')).toBeVisible();

    act(() => vi.advanceTimersByTime(3 * 60_000 + 30_000));
    expect(within(card).getByRole('timer')).toHaveTextContent('06:30');

    act(() => vi.advanceTimersByTime(7 * 60_000));
    expect(within(card).getByRole('timer')).toHaveTextContent('expired');
    expect(within(card).getByRole('button', { name: 'Copy install command' })).toBeDisabled();
    expect(within(card).getByRole('button', { name: 'Copy agent command' })).toBeDisabled();
    expect(within(card).getByRole('button', { name: 'Copy token' })).toBeDisabled();
    expect(within(card).getByText(/has expired. Generate a new one/)).toBeVisible();
  });

  it('selects the command and says how to copy when the clipboard is unavailable', async () => {
    const u = user();
    setClipboard(undefined);
    stubApi({
      ...baseRoutes(),
      'POST /api/node-tokens': () => json(201, CREATED),
      'GET /api/node-tokens': () => json(200, { tokens: [] }),
    });
    renderApp(fakeWallet().state, '/hosts/add');
    await u.click(await screen.findByRole('button', { name: 'Generate registration token' }));
    const card = await screen.findByRole('article', { name: 'Your registration token' });

    await u.click(within(card).getByRole('button', { name: 'Copy install command' }));

    expect(within(card).getByText(/press Ctrl\+C/)).toBeVisible();
    expect(window.getSelection()?.toString()).toBe(CREATED.installCommand);
  });

  it('revokes a token and refreshes the list', async () => {
    const api = stubApi({
      ...baseRoutes(),
      'GET /api/node-tokens': [
        () => json(200, { tokens: [LISTED] }),
        () => json(200, { tokens: [] }),
      ],
      [`DELETE /api/node-tokens/${CREATED.id}`]: () => noContent(),
    });
    renderApp(fakeWallet().state, '/hosts/add');

    await user().click(await screen.findByRole('button', { name: 'Revoke token 3f2a9c1e' }));

    expect(await screen.findByText(/No unused tokens/)).toBeVisible();
    expect(screen.getByText('Token revoked')).toBeVisible();
    expect(api.callsTo('DELETE', `/api/node-tokens/${CREATED.id}`)[0].authorization).toBe(
      'Bearer session-token-1',
    );
    expect(api.callsTo('GET', '/api/node-tokens')).toHaveLength(2);
  });

  it('says how long to wait when rate limited', async () => {
    stubApi({
      ...baseRoutes(),
      'GET /api/node-tokens': () => json(200, { tokens: [] }),
      'POST /api/node-tokens': () =>
        json(
          429,
          { code: 'RATE_LIMITED', message: 'Too many tokens requested.' },
          { 'Retry-After': '17' },
        ),
    });
    renderApp(fakeWallet().state, '/hosts/add');
    await user().click(await screen.findByRole('button', { name: 'Generate registration token' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not generate a token');
    expect(alert).toHaveTextContent(
      'Too many tokens requested. Please wait 17 seconds before trying again.',
    );
  });

  it('says the API is unreachable when the token list cannot be fetched, and retries', async () => {
    const api = stubApi({
      ...baseRoutes(),
      'GET /api/node-tokens': [
        () => Promise.reject(new TypeError('Failed to fetch')),
        () => json(200, { tokens: [LISTED] }),
      ],
    });
    renderApp(fakeWallet().state, '/hosts/add');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your tokens could not be loaded');
    expect(alert).toHaveTextContent('The Rigshare API is unreachable');

    await user().click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Token 3f2a9c1e')).toBeVisible();
    expect(api.callsTo('GET', '/api/node-tokens')).toHaveLength(2);
  });

  it('on a 401 shows sign-in in place, and the page comes back after signing in', async () => {
    const api = stubApi({
      ...baseRoutes(),
      'GET /api/node-tokens': () => json(200, { tokens: [] }),
      'POST /api/node-tokens': [
        () => json(401, { code: 'UNAUTHORIZED', message: 'Session expired.' }),
        () => json(201, CREATED),
      ],
    });
    renderApp(fakeWallet().state, '/hosts/add');
    await user().click(await screen.findByRole('button', { name: 'Generate registration token' }));

    const panel = await screen.findByRole('region', { name: 'Sign in to add a node' });
    expect(window.location.pathname).toBe('/hosts/add');
    expect(window.localStorage.getItem('rigshare.session')).toBeNull();

    await user().click(within(panel).getByRole('button', { name: 'Sign in with wallet' }));
    await user().click(await screen.findByRole('button', { name: 'Generate registration token' }));

    expect(await screen.findByRole('article', { name: 'Your registration token' })).toBeVisible();
    expect(api.callsTo('POST', '/api/node-tokens')[1].authorization).toBe('Bearer session-token-2');
    await waitFor(() => expect(window.location.pathname).toBe('/hosts/add'));
  });

  it('waits for the node, polling every 2 s, and turns into a link to it once used', async () => {
    const u = user();
    const api = stubApi({
      ...baseRoutes(),
      'POST /api/node-tokens': () => json(201, CREATED),
      'GET /api/node-tokens': () => json(200, { tokens: [] }),
      [`GET ${STATUS_PATH}`]: [
        () => json(200, tokenStatus('pending')),
        () => json(200, tokenStatus('pending')),
        () => json(200, tokenStatus('used')),
      ],
    });
    renderApp(fakeWallet().state, '/hosts/add');
    await u.click(await screen.findByRole('button', { name: 'Generate registration token' }));
    const card = await screen.findByRole('article', { name: 'Your registration token' });
    const live = within(card).getByText('Waiting for your node…').closest('[aria-live]');
    expect(live).toHaveAttribute('aria-live', 'polite');
    await waitFor(() => expect(api.callsTo('GET', STATUS_PATH)).toHaveLength(1));

    await act(async () => vi.advanceTimersByTime(2000));
    await waitFor(() => expect(api.callsTo('GET', STATUS_PATH)).toHaveLength(2));
    expect(within(card).getByText('Waiting for your node…')).toBeVisible();

    await act(async () => vi.advanceTimersByTime(2000));
    const done = await screen.findByRole('article', { name: 'Your node is registered' });
    const link = within(done).getByRole('link', { name: 'Open your node' });
    expect(link).toHaveAttribute('href', `/hosts/nodes/${NODE_ID}`);
    expect(within(done).queryByText(CREATED.installCommand)).toBeNull();
    // The same live region now carries the good news.
    expect(live).toHaveTextContent('Your node connected and registered with this token.');

    // Polling stopped once the token was used.
    await act(async () => vi.advanceTimersByTime(10_000));
    expect(api.callsTo('GET', STATUS_PATH)).toHaveLength(3);
  });

  it('says when the server reports the token expired, and offers a new one', async () => {
    const u = user();
    const SECOND = { ...CREATED, id: '3f2a9c1e-0000-4000-8000-000000000002' };
    const api = stubApi({
      ...baseRoutes(),
      'POST /api/node-tokens': [() => json(201, CREATED), () => json(201, SECOND)],
      'GET /api/node-tokens': () => json(200, { tokens: [] }),
      [`GET ${STATUS_PATH}`]: () => json(200, tokenStatus('expired')),
      [`GET /api/node-tokens/${SECOND.id}`]: () =>
        json(200, { ...tokenStatus('pending'), id: SECOND.id }),
    });
    renderApp(fakeWallet().state, '/hosts/add');
    await u.click(await screen.findByRole('button', { name: 'Generate registration token' }));

    const card = await screen.findByRole('article', { name: 'Your registration token' });
    expect(await within(card).findByText(/This token has expired/)).toBeVisible();
    expect(within(card).getByRole('button', { name: 'Copy install command' })).toBeDisabled();

    await u.click(within(card).getByRole('button', { name: 'Generate a new token' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/node-tokens')).toHaveLength(2));
    await waitFor(() =>
      expect(api.callsTo('GET', `/api/node-tokens/${SECOND.id}`)).toHaveLength(1),
    );
    const fresh = await screen.findByRole('article', { name: 'Your registration token' });
    expect(within(fresh).getByText('Waiting for your node…')).toBeVisible();
    expect(within(fresh).getByRole('button', { name: 'Copy install command' })).toBeEnabled();
  });

  it('stops polling while the tab is hidden and resumes when it is visible', async () => {
    const u = user();
    const api = stubApi({
      ...baseRoutes(),
      'POST /api/node-tokens': () => json(201, CREATED),
      'GET /api/node-tokens': () => json(200, { tokens: [] }),
    });
    renderApp(fakeWallet().state, '/hosts/add');
    await u.click(await screen.findByRole('button', { name: 'Generate registration token' }));
    await waitFor(() => expect(api.callsTo('GET', STATUS_PATH)).toHaveLength(1));

    setVisibility('hidden');
    expect(await screen.findByText('Paused while this tab is in the background.')).toBeVisible();
    await act(async () => vi.advanceTimersByTime(10_000));
    expect(api.callsTo('GET', STATUS_PATH)).toHaveLength(1);

    setVisibility('visible');
    await waitFor(() => expect(api.callsTo('GET', STATUS_PATH)).toHaveLength(2));
  });
});
