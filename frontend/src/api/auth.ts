import type { HttpClient } from './http';
import type { ChallengeResponse, MeResponse, SessionRequest, SessionResponse } from './types';

export function requestChallenge(http: HttpClient, address: string): Promise<ChallengeResponse> {
  return http.request<ChallengeResponse>('POST', '/api/auth/challenge', {
    body: { address },
    auth: false,
  });
}

export function createSession(http: HttpClient, request: SessionRequest): Promise<SessionResponse> {
  return http.request<SessionResponse>('POST', '/api/auth/session', { body: request, auth: false });
}

export function deleteSession(http: HttpClient): Promise<void> {
  return http.request<void>('DELETE', '/api/auth/session');
}

export function getMe(http: HttpClient, signal?: AbortSignal): Promise<MeResponse> {
  return http.request<MeResponse>('GET', '/api/me', { signal });
}
