-- Sign-In With Solana challenges: one row per nonce the server issued. used_at is set in the same transaction that
-- creates the session, so a nonce signs in at most once.
CREATE TABLE auth_challenges (
    nonce       text        PRIMARY KEY,
    address     text        NOT NULL,
    message     text        NOT NULL,
    issued_at   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX auth_challenges_expires_at ON auth_challenges (expires_at);

-- Browser sessions. Only the SHA-256 of the bearer token is kept.
CREATE TABLE sessions (
    token_hash  bytea       PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    address     text        NOT NULL,
    nonce       text        NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
CREATE INDEX sessions_address ON sessions (address);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

-- Single-use registration tokens, bound to the wallet that asked for them. Only the SHA-256 is kept.
CREATE TABLE node_tokens (
    id          uuid        PRIMARY KEY,
    wallet      text        NOT NULL,
    token_hash  bytea       NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX node_tokens_wallet ON node_tokens (wallet, expires_at);
