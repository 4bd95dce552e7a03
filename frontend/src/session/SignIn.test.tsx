import { WalletSignInError } from '@solana/wallet-adapter-base';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, noContent, stubApi } from '../test/fakeApi';
import { CHALLENGE_MESSAGE, challenge, sessionFor, storeSession } from '../test/fixtures';
import {
  OTHER_ADDRESS,
  SIGNATURE_BASE58,
  WALLET_ADDRESS,
  fakeWallet,
  renderApp,
} from '../test/harness';
import { shortenAddress } from './base58';

const SHORT = shortenAddress(WALLET_ADDRESS);

function authRoutes(token = 'session-token-1') {
  return {
    'POST /api/auth/challenge': () => json(200, challenge()),
    'POST /api/auth/session': () => json(200, sessionFor(WALLET_ADDRESS, token)),
    'GET /api/me': () => json(200, { address: WALLET_ADDRESS }),
    'GET /api/node-tokens': () => json(200, { tokens: [] }),
  };
}

describe('Sign-In With Solana', () => {
  it('uses the wallet signIn feature with exactly the server input and posts its output', async () => {
    const api = stubApi(authRoutes());
    const wallet = fakeWallet({ supportsSignIn: true });
    renderApp(wallet.state, '/hosts/add');

    const panel = screen.getByRole('region', { name: 'Sign in to add a node' });
    await userEvent.click(within(panel).getByRole('button', { name: 'Sign in with wallet' }));

    expect(
      await screen.findByRole('button', { name: 'Generate registration token' }),
    ).toBeVisible();
    expect(api.callsTo('POST', '/api/auth/challenge')[0].body).toEqual({ address: WALLET_ADDRESS });
    expect(wallet.signIn).toHaveBeenCalledWith(challenge().input);
    expect(wallet.signMessage).not.toHaveBeenCalled();

    const expectedMessage = `localhost:8080 wants you to sign in with your Solana account:\n${WALLET_ADDRESS}\n\nNonce: n0nce123`;
    expect(api.callsTo('POST', '/api/auth/session')[0].body).toEqual({
      address: WALLET_ADDRESS,
      message: expectedMessage,
      signature: SIGNATURE_BASE58,
    });

    // The header says who is signed in, the session survives a reload, and calls carry the token.
    // The wallet button beside it shows the address: the badge says it to screen readers and on hover.
    expect(screen.getByText(SHORT, { selector: '.session-badge .sr-only .mono' })).toBeVisible();
    expect(screen.getByTitle(`Signed in as ${WALLET_ADDRESS}`)).toHaveTextContent(
      `Signed in as ${SHORT}`,
    );
    expect(JSON.parse(window.localStorage.getItem('rigshare.session')!)).toMatchObject({
      token: 'session-token-1',
      address: WALLET_ADDRESS,
    });
    await waitFor(() => expect(api.callsTo('GET', '/api/node-tokens')).toHaveLength(1));
    expect(api.callsTo('GET', '/api/node-tokens')[0].authorization).toBe('Bearer session-token-1');
  });

  it('falls back to signMessage over the challenge text when the wallet has no signIn', async () => {
    const api = stubApi(authRoutes());
    const wallet = fakeWallet({ supportsSignIn: false });
    renderApp(wallet.state, '/');

    await userEvent.click(screen.getAllByRole('button', { name: 'Sign in with wallet' })[0]);

    expect(await screen.findByText('Signed in', { selector: '.toast__title' })).toBeVisible();
    expect(wallet.signMessage).toHaveBeenCalledTimes(1);
    const signed = wallet.signMessage.mock.calls[0][0];
    expect(new TextDecoder().decode(signed)).toBe(CHALLENGE_MESSAGE);
    expect(api.callsTo('POST', '/api/auth/session')[0].body).toEqual({
      address: WALLET_ADDRESS,
      message: CHALLENGE_MESSAGE,
      signature: SIGNATURE_BASE58,
    });
  });

  it('shows an alert and stays signed out when the wallet refuses', async () => {
    const api = stubApi(authRoutes());
    const wallet = fakeWallet({ rejectWith: new WalletSignInError('User rejected the request.') });
    renderApp(wallet.state, '/hosts/add');

    await userEvent.click(screen.getAllByRole('button', { name: 'Sign in with wallet' })[0]);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Sign-in failed');
    expect(alert).toHaveTextContent('User rejected the request.');
    expect(api.callsTo('POST', '/api/auth/session')).toHaveLength(0);
    expect(window.localStorage.getItem('rigshare.session')).toBeNull();
  });

  it('shows the server message when the signature is refused', async () => {
    stubApi({
      ...authRoutes(),
      'POST /api/auth/session': () =>
        json(401, { code: 'UNAUTHORIZED', message: 'The signature does not match the address.' }),
    });
    renderApp(fakeWallet().state, '/hosts/add');

    await userEvent.click(screen.getAllByRole('button', { name: 'Sign in with wallet' })[0]);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The signature does not match the address.',
    );
    expect(screen.getByRole('region', { name: 'Sign in to add a node' })).toBeVisible();
  });

  it('restores a stored session after checking it with GET /api/me', async () => {
    const api = stubApi(authRoutes());
    storeSession(sessionFor());
    renderApp(fakeWallet().state, '/hosts/add');

    expect(
      await screen.findByRole('button', { name: 'Generate registration token' }),
    ).toBeVisible();
    expect(api.callsTo('GET', '/api/me')[0].authorization).toBe('Bearer session-token-1');
    expect(api.callsTo('POST', '/api/auth/challenge')).toHaveLength(0);
  });

  it('drops a stored session the server refuses, and asks to sign in on the same page', async () => {
    stubApi({
      ...authRoutes(),
      'GET /api/me': () => json(401, { code: 'UNAUTHORIZED', message: 'Session expired.' }),
    });
    storeSession(sessionFor());
    renderApp(fakeWallet().state, '/hosts/add');

    expect(await screen.findByRole('region', { name: 'Sign in to add a node' })).toBeVisible();
    expect(screen.getByText('Your session has ended')).toBeVisible();
    expect(window.localStorage.getItem('rigshare.session')).toBeNull();
    expect(window.location.pathname).toBe('/hosts/add');
  });

  it('does not apply a session to a different connected wallet', async () => {
    const api = stubApi(authRoutes());
    storeSession(sessionFor(OTHER_ADDRESS, 'other-token'));
    renderApp(fakeWallet().state, '/hosts/add');

    expect(screen.getByRole('region', { name: 'Sign in to add a node' })).toHaveTextContent(
      'is not the one you signed in with',
    );
    expect(screen.queryByText(/Signed in as/)).not.toBeInTheDocument();
    expect(api.calls.filter((c) => c.authorization === 'Bearer other-token')).toHaveLength(0);
  });

  it('signs out with DELETE /api/auth/session and forgets the session', async () => {
    const api = stubApi({ ...authRoutes(), 'DELETE /api/auth/session': () => noContent() });
    storeSession(sessionFor());
    renderApp(fakeWallet().state, '/hosts/add');

    await userEvent.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('region', { name: 'Sign in to add a node' })).toBeVisible();
    expect(api.callsTo('DELETE', '/api/auth/session')[0].authorization).toBe(
      'Bearer session-token-1',
    );
    expect(window.localStorage.getItem('rigshare.session')).toBeNull();
  });

  it('learns on sign-in whether the wallet is an operator, and shows the Operator entry then', async () => {
    stubApi({
      ...authRoutes(),
      'GET /api/me': () => json(200, { address: WALLET_ADDRESS, operator: true }),
    });
    renderApp(fakeWallet().state, '/hosts/add');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Operator' })).toBeNull();
    const panel = screen.getByRole('region', { name: 'Sign in to add a node' });
    await userEvent.click(within(panel).getByRole('button', { name: 'Sign in with wallet' }));
    expect(await within(nav).findByRole('link', { name: 'Operator' })).toHaveAttribute(
      'href',
      '/operator',
    );
  });
});
