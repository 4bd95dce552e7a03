/** The SIWS fields the server asks the wallet to sign (CAIP-122 / Sign-In With Solana). */
export interface SignInInputFields {
  domain: string;
  address: string;
  statement?: string;
  uri?: string;
  version?: string;
  chainId?: string;
  nonce?: string;
  issuedAt?: string;
  expirationTime?: string;
}

export interface ChallengeResponse {
  message: string;
  nonce: string;
  expiresAt: string;
  input: SignInInputFields;
}

export interface SessionRequest {
  address: string;
  message: string;
  /** base58 of the 64-byte ed25519 signature */
  signature: string;
}

export interface SessionResponse {
  token: string;
  address: string;
  expiresAt: string;
}

export interface MeResponse {
  address: string;
}

export interface CreatedNodeToken {
  id: string;
  token: string;
  expiresAt: string;
  agentCommand: string;
}

export interface NodeTokenSummary {
  id: string;
  createdAt: string;
  expiresAt: string;
}

export interface NodeTokenList {
  tokens: NodeTokenSummary[];
}
