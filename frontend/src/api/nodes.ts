import type { HttpClient } from './http';
import type { Node, NodeDetail, NodeMarket, NodePage, NodeUpdate, Telemetry } from './types';

export const NODES_PAGE_SIZE = 50;

const nodePath = (id: string) => `/api/nodes/${encodeURIComponent(id)}`;

/** The signed-in wallet's nodes, newest first; `page` counts from 0. */
export function listMyNodes(
  http: HttpClient,
  page = 0,
  signal?: AbortSignal,
  size = NODES_PAGE_SIZE,
): Promise<NodePage> {
  return http.request<NodePage>('GET', `/api/nodes/mine?page=${page}&size=${size}`, { signal });
}

/** One node of this wallet with its recent state changes; another wallet's node answers 404. */
export function getNode(http: HttpClient, id: string, signal?: AbortSignal): Promise<NodeDetail> {
  return http.request<NodeDetail>('GET', nodePath(id), { signal });
}

/** The node against the market: price suggestion, demand, reliability, verification, idle reasons. */
export function getNodeMarket(
  http: HttpClient,
  id: string,
  signal?: AbortSignal,
): Promise<NodeMarket> {
  return http.request<NodeMarket>('GET', `${nodePath(id)}/market`, { signal });
}

export function updateNode(http: HttpClient, id: string, update: NodeUpdate): Promise<Node> {
  return http.request<Node>('PATCH', nodePath(id), { body: update });
}

export function deleteNode(http: HttpClient, id: string): Promise<void> {
  return http.request<void>('DELETE', nodePath(id));
}

export function getTelemetry(
  http: HttpClient,
  id: string,
  range: { from: Date; to: Date },
  signal?: AbortSignal,
): Promise<Telemetry> {
  const query = new URLSearchParams({
    from: range.from.toISOString(),
    to: range.to.toISOString(),
  });
  return http.request<Telemetry>('GET', `${nodePath(id)}/telemetry?${query}`, { signal });
}
