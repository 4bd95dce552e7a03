export { useNow } from './useNow';
export { usePageVisible } from './usePageVisible';
export { usePagedList, type PagedListState } from './usePagedList';
export { usePolledLoad, type LoadState } from './usePolledLoad';
export { usePolling, type PollingOptions } from './usePolling';
