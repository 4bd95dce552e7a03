export { GIB, KIB, MIB, formatBytes, formatMib, wholeGib } from './bytes';
export { formatDateTime, formatRelative } from './time';
