import bs58 from 'bs58';

/** Base58 (Bitcoin alphabet), the encoding Solana uses for addresses and signatures. */
export function encodeBase58(bytes: Uint8Array): string {
  return bs58.encode(bytes);
}

/** "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU" -> "7xKX…gAsU" */
export function shortenAddress(address: string, chars = 4): string {
  if (address.length <= chars * 2 + 1) return address;
  return `${address.slice(0, chars)}…${address.slice(-chars)}`;
}
