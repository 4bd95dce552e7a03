import type { HttpClient } from './http';
import type {
  ChainInfo,
  JobDetail,
  JobPage,
  JobState,
  JobView,
  NodeJobPage,
  QueueStats,
  SubmitJobRequest,
} from './jobTypes';

export const JOBS_PAGE_SIZE = 20;
export const NODE_JOBS_PAGE_SIZE = 20;

const jobPath = (id: string) => `/api/jobs/${encodeURIComponent(id)}`;

/**
 * Queues a job. The same `idempotencyKey` sent again (a retry, a double click) answers the job the
 * first request created instead of making a second one.
 */
export function submitJob(
  http: HttpClient,
  request: SubmitJobRequest,
  idempotencyKey: string,
): Promise<JobView> {
  return http.request<JobView>('POST', '/api/jobs', {
    body: request,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/** This wallet's jobs as a buyer, newest first; `page` counts from 0. */
export function listMyJobs(
  http: HttpClient,
  { state, page = 0, size = JOBS_PAGE_SIZE }: { state?: JobState; page?: number; size?: number },
  signal?: AbortSignal,
): Promise<JobPage> {
  const query = new URLSearchParams({ page: String(page), size: String(size) });
  if (state) query.set('state', state);
  return http.request<JobPage>('GET', `/api/jobs/mine?${query}`, { signal });
}

/** A job for its buyer or for the host of a node that ran it; anyone else gets 404. */
export function getJob(http: HttpClient, id: string, signal?: AbortSignal): Promise<JobDetail> {
  return http.request<JobDetail>('GET', jobPath(id), { signal });
}

/** Queued and assigned jobs end at once; a running one ends when its node reports. */
export function cancelJob(http: HttpClient, id: string): Promise<JobView> {
  return http.request<JobView>('POST', `${jobPath(id)}/cancel`);
}

/** Opens the live log stream (Server-Sent Events), resuming after `lastEventId` when given. */
export function openJobLogStream(
  http: HttpClient,
  id: string,
  lastEventId: string | null,
  signal?: AbortSignal,
): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'text/event-stream, application/json' };
  if (lastEventId) headers['Last-Event-ID'] = lastEventId;
  return http.open('GET', `${jobPath(id)}/logs?follow=true`, { headers, signal });
}

/** The attempts a node of this wallet ran or holds, newest first. */
export function listNodeJobs(
  http: HttpClient,
  nodeId: string,
  page = 0,
  signal?: AbortSignal,
  size = NODE_JOBS_PAGE_SIZE,
): Promise<NodeJobPage> {
  return http.request<NodeJobPage>(
    'GET',
    `/api/nodes/${encodeURIComponent(nodeId)}/jobs?page=${page}&size=${size}`,
    { signal },
  );
}

/** Queue health; public. */
export function getQueueStats(http: HttpClient, signal?: AbortSignal): Promise<QueueStats> {
  return http.request<QueueStats>('GET', '/api/queue/stats', { auth: false, signal });
}

/** The cluster and the reward token (its mint and decimals); public. */
export function getChain(http: HttpClient, signal?: AbortSignal): Promise<ChainInfo> {
  return http.request<ChainInfo>('GET', '/api/chain', { auth: false, signal });
}
