export { WalletContextProvider } from './WalletContextProvider';
