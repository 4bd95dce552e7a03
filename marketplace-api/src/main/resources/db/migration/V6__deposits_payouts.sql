-- Solana Pay deposits and exactly-once payouts (payments.deposits, payments.payouts).

-- One Solana Pay transfer request. The watcher credits it once (status pending -> credited in the same database
-- transaction as the ledger transfer ledger_transfer_id) or rejects it when a payment carrying its reference has the
-- wrong mint, recipient or amount (the buyer sees the reason; an operator refunds by hand).
CREATE TABLE deposits (
    id                 uuid        PRIMARY KEY,
    wallet             text        NOT NULL,
    amount             bigint      NOT NULL CHECK (amount > 0),
    -- a fresh random 32-byte key, base58: the transaction carrying it is this deposit's payment
    reference          text        NOT NULL UNIQUE CHECK (reference ~ '^[1-9A-HJ-NP-Za-km-z]{32,44}$'),
    recipient          text        NOT NULL,
    mint               text        NOT NULL,
    decimals           int         NOT NULL CHECK (decimals BETWEEN 0 AND 18),
    url                text        NOT NULL,
    status             text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'credited', 'rejected')),
    signature          text,
    reason             text,
    created_at         timestamptz NOT NULL,
    expires_at         timestamptz NOT NULL,
    credited_at        timestamptz,
    ledger_transfer_id uuid,
    CONSTRAINT deposits_credited CHECK ((status = 'credited') = (credited_at IS NOT NULL)
        AND (status <> 'credited' OR (signature IS NOT NULL AND ledger_transfer_id IS NOT NULL))),
    CONSTRAINT deposits_rejected CHECK (status <> 'rejected' OR reason IS NOT NULL)
);
-- the watcher's pass: pending deposits created within its window
CREATE INDEX deposits_pending ON deposits (created_at) WHERE status = 'pending';
CREATE INDEX deposits_wallet ON deposits (wallet, created_at DESC);

-- One on-chain transaction's worth of payout items. planned -> signed (an attempt is recorded) -> sent -> confirmed or
-- failed. Only confirmed and failed are final.
CREATE TABLE payout_batches (
    id         uuid        PRIMARY KEY,
    status     text        NOT NULL CHECK (status IN ('planned', 'signed', 'sent', 'confirmed', 'failed')),
    memo       text        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    error      text
);
CREATE INDEX payout_batches_open ON payout_batches (created_at) WHERE status NOT IN ('confirmed', 'failed');

-- One recipient's money: a host's earnings or a buyer's withdrawal. Its ledger transfers' ids derive from its id.
-- A withdrawal waits (batch_id null) for the next payout run; earnings items are batched when planned.
CREATE TABLE payouts (
    id           uuid        PRIMARY KEY,
    wallet       text        NOT NULL,
    amount       bigint      NOT NULL CHECK (amount > 0),
    kind         text        NOT NULL CHECK (kind IN ('earnings', 'withdrawal')),
    status       text        NOT NULL CHECK (status IN ('pending', 'batched', 'confirmed', 'failed')),
    batch_id     uuid        REFERENCES payout_batches (id),
    -- the transfer's place in its batch's transaction
    position     int,
    created_at   timestamptz NOT NULL,
    confirmed_at timestamptz,
    error        text,
    CONSTRAINT payouts_batched CHECK ((batch_id IS NULL) = (status = 'pending') AND (batch_id IS NULL) = (position IS NULL)),
    CONSTRAINT payouts_confirmed CHECK ((status = 'confirmed') = (confirmed_at IS NOT NULL))
);
CREATE INDEX payouts_wallet ON payouts (wallet, created_at DESC, id);
CREATE INDEX payouts_batch ON payouts (batch_id, position);
CREATE INDEX payouts_unbatched ON payouts (created_at) WHERE status = 'pending';

-- Every signed attempt of a batch, recorded before it is first sent. A new attempt is signed only once the previous
-- one is expired (its blockhash past its last valid block height and its signature unknown), so at most one attempt
-- of a batch can ever land.
CREATE TABLE payout_transactions (
    batch_id                uuid        NOT NULL REFERENCES payout_batches (id),
    attempt                 int         NOT NULL CHECK (attempt >= 1),
    signature               text        NOT NULL UNIQUE,
    transaction_base64      text        NOT NULL,
    blockhash               text        NOT NULL,
    last_valid_block_height bigint      NOT NULL,
    status                  text        NOT NULL CHECK (status IN ('signed', 'sent', 'confirmed', 'failed', 'expired')),
    created_at              timestamptz NOT NULL,
    sent_at                 timestamptz,
    resolved_at             timestamptz,
    error                   text,
    PRIMARY KEY (batch_id, attempt)
);
CREATE UNIQUE INDEX payout_transactions_one_live ON payout_transactions (batch_id)
    WHERE status IN ('signed', 'sent', 'confirmed', 'failed');
