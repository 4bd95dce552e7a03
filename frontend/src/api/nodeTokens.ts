import type { HttpClient } from './http';
import type { CreatedNodeToken, NodeTokenList, NodeTokenStatus } from './types';

export function createNodeToken(http: HttpClient): Promise<CreatedNodeToken> {
  return http.request<CreatedNodeToken>('POST', '/api/node-tokens');
}

export function listNodeTokens(http: HttpClient, signal?: AbortSignal): Promise<NodeTokenList> {
  return http.request<NodeTokenList>('GET', '/api/node-tokens', { signal });
}

/** Whether a node has registered with the token yet (`used`, with its `nodeId`). */
export function getNodeTokenStatus(
  http: HttpClient,
  id: string,
  signal?: AbortSignal,
): Promise<NodeTokenStatus> {
  return http.request<NodeTokenStatus>('GET', `/api/node-tokens/${encodeURIComponent(id)}`, {
    signal,
  });
}

export function revokeNodeToken(http: HttpClient, id: string): Promise<void> {
  return http.request<void>('DELETE', `/api/node-tokens/${encodeURIComponent(id)}`);
}
