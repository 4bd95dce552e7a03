export {
  DEFAULT_DECIMALS,
  MAX_BASE_UNITS,
  formatAmount,
  formatBasisPoints,
  formatDecimalAmount,
  formatTokens,
  parseAmount,
  toBaseUnits,
  type AmountParse,
} from './amount';
export { GIB, KIB, MIB, formatBytes, formatMib, wholeGib } from './bytes';
export { formatDuration, formatLatency } from './duration';
export { formatDateTime, formatRelative } from './time';
