/*
 * A Wallet Standard test wallet, injected into the page before the app loads (Playwright
 * addInitScript). Plain browser JS without imports: the runner prepends tweetnacl's nacl-fast.js
 * (which defines self.nacl) and sets window.__rigshareTestWallet = { seed, signIn } first:
 *   seed   - the 32-byte ed25519 seed as 64 hex characters
 *   signIn - false leaves out the solana:signIn feature, so the app falls back to signMessage
 * It signs with a real key, so the server verifies its signatures like any wallet's. It records
 * what it was asked to do in window.__rigshareTestWallet.calls. It signs transactions without
 * asking (solana:signTransaction); the app sends them itself.
 */
(function () {
  'use strict';

  const config = window.__rigshareTestWallet;
  const nacl = self.nacl;
  if (!config || !/^[0-9a-fA-F]{64}$/.test(config.seed || '')) {
    throw new Error('__rigshareTestWallet.seed must be 64 hex characters, set before wallet.js');
  }
  if (!nacl || !nacl.sign)
    throw new Error('tweetnacl (nacl-fast.js) must be loaded before wallet.js');

  const WALLET_NAME = 'Rigshare Test Wallet';
  const CHAINS = ['solana:mainnet', 'solana:devnet', 'solana:testnet', 'solana:localnet'];
  const ICON =
    'data:image/svg+xml;base64,' +
    btoa(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
        '<rect width="32" height="32" rx="6" fill="#5b5bd6"/>' +
        '<text x="16" y="22" font-size="16" text-anchor="middle" fill="#fff">T</text></svg>',
    );

  const seed = new Uint8Array(config.seed.match(/../g).map((h) => parseInt(h, 16)));
  const keyPair = nacl.sign.keyPair.fromSeed(seed);
  const address = base58(keyPair.publicKey);
  const withSignIn = config.signIn !== false;
  const calls = { connect: 0, disconnect: 0, signIn: 0, signMessage: 0, signTransaction: 0 };
  config.address = address;
  config.calls = calls;

  const accountFeatures = ['solana:signMessage', 'solana:signTransaction'];
  if (withSignIn) accountFeatures.push('solana:signIn');
  const account = Object.freeze({
    address,
    publicKey: keyPair.publicKey.slice(),
    chains: CHAINS,
    features: accountFeatures,
    label: WALLET_NAME,
  });

  let accounts = [];
  const listeners = { change: new Set() };
  function emitChange() {
    for (const listener of listeners.change) listener({ accounts });
  }
  function connectAccount() {
    if (accounts.length === 0) {
      accounts = [account];
      emitChange();
    }
  }
  function sign(message) {
    return nacl.sign.detached(message, keyPair.secretKey);
  }

  const features = {
    'standard:connect': {
      version: '1.0.0',
      // A test wallet trusts every site, so a silent connect (autoConnect) succeeds too.
      async connect() {
        calls.connect++;
        connectAccount();
        return { accounts };
      },
    },
    'standard:disconnect': {
      version: '1.0.0',
      async disconnect() {
        calls.disconnect++;
        accounts = [];
        emitChange();
      },
    },
    'standard:events': {
      version: '1.0.0',
      on(event, listener) {
        const set = listeners[event];
        if (!set) return () => {};
        set.add(listener);
        return () => set.delete(listener);
      },
    },
    'solana:signMessage': {
      version: '1.1.0',
      async signMessage(...inputs) {
        return inputs.map(({ account: signer, message }) => {
          calls.signMessage++;
          if (!signer || signer.address !== address) throw new Error('Unknown account');
          return { signedMessage: message, signature: sign(message), signatureType: 'ed25519' };
        });
      },
    },
    // Signs legacy and v0 transactions in their wire form, as a browser wallet does.
    'solana:signTransaction': {
      version: '1.0.0',
      supportedTransactionVersions: ['legacy', 0],
      async signTransaction(...inputs) {
        return inputs.map(({ account: signer, transaction }) => {
          calls.signTransaction++;
          if (!signer || signer.address !== address) throw new Error('Unknown account');
          return { signedTransaction: signTransactionBytes(transaction) };
        });
      },
    },
  };

  if (withSignIn) {
    features['solana:signIn'] = {
      version: '1.0.0',
      async signIn(...inputs) {
        return inputs.map((input = {}) => {
          calls.signIn++;
          if (input.address && input.address !== address) {
            throw new Error(`Sign-in requested for ${input.address}, this wallet is ${address}`);
          }
          connectAccount();
          const text = createSignInMessageText({
            ...input,
            domain: input.domain || window.location.host,
            address,
          });
          const signedMessage = new TextEncoder().encode(text);
          return {
            account,
            signedMessage,
            signature: sign(signedMessage),
            signatureType: 'ed25519',
          };
        });
      },
    };
  }

  const wallet = Object.freeze({
    version: '1.0.0',
    name: WALLET_NAME,
    icon: ICON,
    chains: CHAINS,
    features,
    get accounts() {
      return accounts.slice();
    },
  });

  /**
   * Puts this wallet's signature into its slot of a serialized transaction: a compact-u16 count
   * of signatures, the signatures, then the message they sign, whose header names the signers
   * first among its account keys.
   */
  function signTransactionBytes(wire) {
    const bytes = Uint8Array.from(wire);
    const [signatureCount, signaturesAt] = readCompactU16(bytes, 0);
    const messageAt = signaturesAt + 64 * signatureCount;
    const message = bytes.subarray(messageAt);
    const headerAt = message[0] & 0x80 ? 1 : 0; // a versioned message starts with its version
    const requiredSignatures = message[headerAt];
    const [, keysAt] = readCompactU16(message, headerAt + 3);
    for (let i = 0; i < requiredSignatures && i < signatureCount; i++) {
      const key = message.subarray(keysAt + 32 * i, keysAt + 32 * (i + 1));
      if (key.every((b, j) => b === keyPair.publicKey[j])) {
        bytes.set(sign(message), signaturesAt + 64 * i);
        return bytes;
      }
    }
    throw new Error(`The transaction does not ask ${address} to sign it`);
  }

  function readCompactU16(bytes, at) {
    let value = 0;
    for (let i = 0; i < 3; i++) {
      const b = bytes[at + i];
      value |= (b & 0x7f) << (7 * i);
      if ((b & 0x80) === 0) return [value, at + i + 1];
    }
    throw new Error('Malformed compact-u16 in the transaction');
  }

  /** The text @solana/wallet-standard-util's createSignInMessageText writes, field for field. */
  function createSignInMessageText(input) {
    let message = `${input.domain} wants you to sign in with your Solana account:\n`;
    message += `${input.address}`;
    if (input.statement) message += `\n\n${input.statement}`;
    const fields = [];
    if (input.uri) fields.push(`URI: ${input.uri}`);
    if (input.version) fields.push(`Version: ${input.version}`);
    if (input.chainId) fields.push(`Chain ID: ${input.chainId}`);
    if (input.nonce) fields.push(`Nonce: ${input.nonce}`);
    if (input.issuedAt) fields.push(`Issued At: ${input.issuedAt}`);
    if (input.expirationTime) fields.push(`Expiration Time: ${input.expirationTime}`);
    if (input.notBefore) fields.push(`Not Before: ${input.notBefore}`);
    if (input.requestId) fields.push(`Request ID: ${input.requestId}`);
    if (input.resources) {
      fields.push('Resources:');
      for (const resource of input.resources) fields.push(`- ${resource}`);
    }
    if (fields.length) message += `\n\n${fields.join('\n')}`;
    return message;
  }

  function base58(bytes) {
    const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
    let n = 0n;
    for (const b of bytes) n = n * 256n + BigInt(b);
    let out = '';
    while (n > 0n) {
      out = alphabet[Number(n % 58n)] + out;
      n /= 58n;
    }
    for (const b of bytes) {
      if (b !== 0) break;
      out = '1' + out;
    }
    return out;
  }

  // Wallet Standard registration: answer the app's app-ready event, and announce ourselves in
  // case the app is already listening.
  const callback = ({ register }) => register(wallet);
  window.addEventListener('wallet-standard:app-ready', ({ detail: api }) => callback(api));
  try {
    window.dispatchEvent(
      new CustomEvent('wallet-standard:register-wallet', { detail: callback, bubbles: false }),
    );
  } catch (error) {
    console.error('wallet-standard:register-wallet event could not be dispatched', error);
  }
})();
