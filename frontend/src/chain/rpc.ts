/**
 * The few Solana JSON-RPC calls the browser makes itself (to pay a deposit from the connected
 * wallet), over plain fetch to the cluster's RPC URL from GET /api/chain.
 */

/** An answer with a JSON-RPC error, or no usable answer at all. */
export class RpcError extends Error {
  constructor(
    message: string,
    readonly code: number | null = null,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

let nextId = 1;

export async function rpcCall<T>(
  url: string,
  method: string,
  params: unknown[],
  signal?: AbortSignal,
): Promise<T> {
  let response: Response;
  try {
    response = await globalThis.fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new RpcError(`The Solana RPC node (${url}) is unreachable.`);
  }
  let body: { result?: T; error?: { code?: number; message?: string } };
  try {
    body = await response.json();
  } catch {
    throw new RpcError(`The Solana RPC node answered ${response.status} without JSON.`);
  }
  if (body.error) {
    throw new RpcError(
      body.error.message ?? 'The Solana RPC node refused the call.',
      body.error.code ?? null,
    );
  }
  if (!response.ok || !('result' in body)) {
    throw new RpcError(`The Solana RPC node answered ${response.status}.`);
  }
  return body.result as T;
}

export interface LatestBlockhash {
  blockhash: string;
  lastValidBlockHeight: number;
}

export async function getLatestBlockhash(
  url: string,
  signal?: AbortSignal,
): Promise<LatestBlockhash> {
  const result = await rpcCall<{ value: LatestBlockhash }>(
    url,
    'getLatestBlockhash',
    [{ commitment: 'confirmed' }],
    signal,
  );
  return result.value;
}

/** The program that owns an account (for a mint: SPL Token or Token-2022), or null if none. */
export async function getAccountOwner(
  url: string,
  address: string,
  signal?: AbortSignal,
): Promise<string | null> {
  const result = await rpcCall<{ value: { owner: string } | null }>(
    url,
    'getAccountInfo',
    [address, { encoding: 'base64', commitment: 'confirmed' }],
    signal,
  );
  return result.value?.owner ?? null;
}

/** Sends a signed transaction (after a preflight simulation) and answers its signature. */
export function sendRawTransaction(url: string, bytes: Uint8Array): Promise<string> {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return rpcCall<string>(url, 'sendTransaction', [
    btoa(binary),
    { encoding: 'base64', preflightCommitment: 'confirmed' },
  ]);
}
