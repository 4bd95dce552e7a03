export { useNow } from './useNow';
export { usePageVisible } from './usePageVisible';
export { usePagedList, type PagedListState } from './usePagedList';
export { usePolling, type PollingOptions } from './usePolling';
