export { useNow } from './useNow';
export { usePageVisible } from './usePageVisible';
export { usePolling, type PollingOptions } from './usePolling';
