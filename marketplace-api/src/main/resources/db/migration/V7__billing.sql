-- Billing (issue 6): escrow at assignment, one charge row per ended job, settlement of charges into host earnings.
--
-- Escrow accounts are per buyer wallet: ledger account (kind 'escrow', owner = the buyer's wallet) holds everything
-- escrowed for that buyer's jobs; V3's comment ("job id for escrow") no longer holds. A job's own escrow is
-- jobs.escrow, and its transfer jobs.escrow_transfer.
COMMENT ON COLUMN ledger_accounts.owner IS
    'wallet for buyer, escrow, host_earnings and payouts_in_flight; null for treasury and platform_fees';

ALTER TABLE jobs ADD COLUMN escrow bigint CHECK (escrow >= 0),      -- base units held in escrow for the job (null: none yet)
                 ADD COLUMN escrow_transfer uuid,                    -- the ledger transfer that escrowed it
                 ADD COLUMN funding_reason text;                     -- why a queued job waits (e.g. balance too low), null otherwise

-- CACHE 1 matters: the settlement watermark relies on seq order being commit-safe once inserters are drained (a
-- session's cached block would let it insert a seq below one another session already committed, later).
CREATE SEQUENCE job_charges_seq CACHE 1;
-- One row per ended job that had escrow; written by marketplace-api when the job ends. Inserters must take seq from
-- its default (never nextval() in an earlier statement): settlement relies on every drawn seq belonging to a
-- transaction that holds a lock on this table (see EarningsService).
CREATE TABLE job_charges (
    seq            bigint PRIMARY KEY DEFAULT nextval('job_charges_seq'),
    job_id         uuid NOT NULL UNIQUE REFERENCES jobs (id),
    attempt        integer NOT NULL,
    buyer          text NOT NULL,
    host           text,                    -- wallet of the node's owner; null when nothing was billed
    node_id        uuid REFERENCES nodes (id),
    escrow         bigint NOT NULL CHECK (escrow >= 0),
    charge         bigint NOT NULL CHECK (charge >= 0 AND charge <= escrow),
    fee            bigint NOT NULL CHECK (fee >= 0 AND fee <= charge),
    host_amount    bigint GENERATED ALWAYS AS (charge - fee) STORED,
    refund         bigint GENERATED ALWAYS AS (escrow - charge) STORED,
    billed_seconds integer NOT NULL CHECK (billed_seconds >= 0),
    price_per_hour bigint,
    outcome        text NOT NULL,           -- the job's final state
    ended_at       timestamptz NOT NULL,
    created_at     timestamptz NOT NULL,
    CHECK (charge = 0 OR host IS NOT NULL)
);
ALTER SEQUENCE job_charges_seq OWNED BY job_charges.seq;
-- A host's earnings report walks all its charges in seq order (paid/pending is FIFO over them).
CREATE INDEX job_charges_host_seq ON job_charges (host, seq) WHERE host IS NOT NULL;
CREATE INDEX job_charges_node_ended ON job_charges (node_id, ended_at) WHERE node_id IS NOT NULL;

-- Settlement: job_charges rows with seq <= settled_seq have been posted to the ledger, each exactly once. One row.
CREATE TABLE settlement_watermark (
    id          boolean PRIMARY KEY DEFAULT true CHECK (id),
    settled_seq bigint  NOT NULL CHECK (settled_seq >= 0)
);
INSERT INTO settlement_watermark (id, settled_seq) VALUES (true, 0);

-- One row per settled chunk: charges with from_seq < seq <= to_seq, posted as one ledger transfer (kind
-- 'settlement'; null only if the chunk moved nothing, all its escrows being zero). The ranges tile (0, settled_seq]
-- without gaps or overlaps.
CREATE TABLE settlements (
    id          uuid        PRIMARY KEY,
    from_seq    bigint      NOT NULL UNIQUE,
    to_seq      bigint      NOT NULL UNIQUE,
    transfer_id uuid        UNIQUE REFERENCES ledger_transfers (id),
    jobs        bigint      NOT NULL CHECK (jobs > 0),
    charged     bigint      NOT NULL CHECK (charged >= 0),
    fees        bigint      NOT NULL CHECK (fees >= 0),
    refunded    bigint      NOT NULL CHECK (refunded >= 0),
    settled_at  timestamptz NOT NULL,
    CHECK (from_seq < to_seq)
);

-- The balanced check of V3 runs once per inserted entry at commit and sums all entries of the entry's transfer: a
-- transfer of n legs cost n^2 row reads (a 12,000-leg settlement: 144 million). It now remembers, per transaction,
-- the last transfer it verified and the count of ledger_entries INSERT statements at that moment; an entry of that
-- transfer is re-verified only if an INSERT ran since. The count is bumped by a BEFORE STATEMENT trigger, so it
-- moves before any row of a statement is inserted and before that statement's immediate-mode checks. Both settings
-- are transaction-local (and roll back with a savepoint), so the memo never outlives what it describes.
CREATE FUNCTION ledger_count_entry_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('rigshare.ledger_entry_statements',
                       (coalesce(nullif(current_setting('rigshare.ledger_entry_statements', true), ''), '0')::bigint
                        + 1)::text, true);
    RETURN NULL;
END $$;
CREATE TRIGGER ledger_entries_count BEFORE INSERT ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_count_entry_statement();

CREATE OR REPLACE FUNCTION ledger_require_balanced(tid uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    total numeric;
    n     bigint;
    stamp text := tid::text || '@' || coalesce(current_setting('rigshare.ledger_entry_statements', true), '');
BEGIN
    IF current_setting('rigshare.ledger_balanced', true) = stamp THEN
        RETURN;
    END IF;
    SELECT coalesce(sum(amount), 0), count(*) INTO total, n FROM ledger_entries WHERE transfer_id = tid;
    IF n = 0 OR total <> 0 THEN
        RAISE EXCEPTION 'ledger transfer % is unbalanced: % entries summing to %', tid, n, total
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transfer_balanced';
    END IF;
    PERFORM set_config('rigshare.ledger_balanced', stamp, true);
END $$;
