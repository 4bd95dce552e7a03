export * from './auth';
export * from './errors';
export * from './http';
export * from './jobs';
export * from './nodes';
export * from './nodeTokens';
export * from './sse';
export type * from './jobTypes';
export type * from './types';
