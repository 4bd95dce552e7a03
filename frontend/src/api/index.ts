export * from './auth';
export * from './errors';
export * from './http';
export * from './nodes';
export * from './nodeTokens';
export type * from './types';
