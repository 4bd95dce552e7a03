export { explorerTxUrl } from './explorer';
export { TokenProvider } from './TokenProvider';
export { useToken, type TokenInfo } from './TokenContext';
