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
};
const LISTED = { id: CREATED.id, createdAt: NOW.toISOString(), expiresAt: CREATED.expiresAt };

function baseRoutes() {
  return {
    'GET /api/me': () => json(200, { address: WALLET_ADDRESS }),
    'POST /api/auth/challenge': () => json(200, challenge()),
    'POST /api/auth/session': () => json(200, sessionFor(WALLET_ADDRESS, 'session-token-2')),
  };
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
    expect(within(card).getByText(CREATED.agentCommand)).toBeVisible();
    expect(within(card).getByText('rsn_secretvalue')).toBeVisible();
    expect(within(card).getByRole('timer')).toHaveTextContent('10:00');
    expect(card).toHaveTextContent(/works once, registers one node, and binds it to the wallet/);

    await u.click(within(card).getByRole('button', { name: 'Copy command' }));
    expect(writeText).toHaveBeenCalledWith(CREATED.agentCommand);
    expect(within(card).getByText('Copied to the clipboard.')).toBeVisible();

    // The list was refreshed after generating and now shows the new token.
    const list = screen.getByRole('region', { name: 'Active tokens' });
    expect(await within(list).findByText('Token 3f2a9c1e')).toBeVisible();

    act(() => vi.advanceTimersByTime(3 * 60_000 + 30_000));
    expect(within(card).getByRole('timer')).toHaveTextContent('06:30');

    act(() => vi.advanceTimersByTime(7 * 60_000));
    expect(within(card).getByRole('timer')).toHaveTextContent('expired');
    expect(within(card).getByRole('button', { name: 'Copy command' })).toBeDisabled();
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

    await u.click(within(card).getByRole('button', { name: 'Copy command' }));

    expect(within(card).getByText(/press Ctrl\+C/)).toBeVisible();
    expect(window.getSelection()?.toString()).toBe(CREATED.agentCommand);
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
});
