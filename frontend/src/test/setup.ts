import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// jsdom brings its own Uint8Array, so Node's Buffers and TextEncoder output fail
// `instanceof Uint8Array` in libraries that check it (web3.js hashes seeds with @noble/hashes).
// A browser has one realm: give the tests one too.
globalThis.Uint8Array = Object.getPrototypeOf(new TextEncoder().encode('')).constructor;

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});
