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

-- Bulk ledger legs. A settlement posts one transfer of ~11,500 entries; V3 did per-row work for each of them (a
-- balance UPDATE from a row trigger, two foreign-key checks, and a deferred constraint trigger re-summing the
-- entry's transfer at commit). The same guarantees now cost one pass per INSERT statement, in
-- ledger_apply_entries (AFTER INSERT FOR EACH STATEMENT, over the statement's rows as the transition table
-- new_entries):
--  1. Every transfer the statement names exists, its entries in the statement sum to zero, and they are all of its
--     entries: its stored entry count equals the statement's. So each transfer's entries are written by exactly one
--     statement and balance when written; no later statement, in this transaction or another, can add to a transfer
--     (the stored count would then exceed that statement's), and V3's triggers refuse UPDATE, DELETE and TRUNCATE of
--     entries. A violation is a check_violation of ledger_transfer_balanced.
--  2. One UPDATE moves each account the statement names by the statement's sum for it. Every entry is applied once,
--     by the statement that inserted it, so balances equal the sums of entries; the account's CHECK
--     ledger_accounts_non_negative refuses an overdraft as before.
--  3. Every account the statement names exists: the UPDATE found each distinct account_id.
-- Checks 1 and 3 replace the foreign keys of ledger_entries (per-row triggers). A referenced transfer or account can
-- never disappear or change id later (V3 refuses DELETE, TRUNCATE and changes of id), so existence when the entry is
-- inserted is existence forever. Rows of a concurrent transaction that has not committed are not visible to the
-- check and are refused (a foreign key would have waited for them). Errors keep the foreign keys' names and SQLSTATE
-- 23503 (foreign_key_violation).
-- ledger_transfers_balanced (V3: deferred, once per transfer, at commit) stays: it refuses a transfer that got no
-- entries, and re-sums the entries of every transfer inserted.
-- The UPDATE locks accounts in the join's order, not id order: posters lock their accounts in id order before
-- inserting (payments' Ledger does), so transfers cannot deadlock; two direct inserters that skip that could, and
-- PostgreSQL would abort one of them.
DROP TRIGGER ledger_entries_apply ON ledger_entries;
DROP TRIGGER ledger_entries_balanced ON ledger_entries;
DROP FUNCTION ledger_apply_entry();
DROP FUNCTION ledger_check_entry_transfer();
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_transfer_id_fkey,
                           DROP CONSTRAINT ledger_entries_account_id_fkey;

CREATE FUNCTION ledger_apply_entries() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad      record;
    accounts bigint;
    moved    bigint;
BEGIN
    SELECT s.transfer_id, s.n, s.total, t.id IS NULL AS missing INTO bad
    FROM (SELECT transfer_id, count(*) AS n, sum(amount) AS total FROM new_entries GROUP BY transfer_id) s
    LEFT JOIN ledger_transfers t ON t.id = s.transfer_id
    WHERE t.id IS NULL OR s.total <> 0
       OR s.n <> (SELECT count(*) FROM ledger_entries e WHERE e.transfer_id = s.transfer_id)
    LIMIT 1;
    IF FOUND AND bad.missing THEN
        RAISE EXCEPTION 'ledger entries name transfer %, which does not exist', bad.transfer_id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'ledger_entries_transfer_id_fkey';
    ELSIF FOUND THEN
        RAISE EXCEPTION 'ledger transfer % is unbalanced: % entries summing to % in one statement, % in all',
                bad.transfer_id, bad.n, bad.total,
                (SELECT count(*) FROM ledger_entries e WHERE e.transfer_id = bad.transfer_id)
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transfer_balanced';
    END IF;

    UPDATE ledger_accounts a SET balance = a.balance + s.total
    FROM (SELECT account_id, sum(amount) AS total FROM new_entries GROUP BY account_id) s
    WHERE a.id = s.account_id;
    GET DIAGNOSTICS moved = ROW_COUNT;
    SELECT count(DISTINCT account_id) INTO accounts FROM new_entries;
    IF moved <> accounts THEN
        RAISE EXCEPTION 'ledger entries name % accounts that do not exist', accounts - moved
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'ledger_entries_account_id_fkey';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER ledger_entries_apply AFTER INSERT ON ledger_entries REFERENCING NEW TABLE AS new_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_apply_entries();

-- Every transfer rewrites the rows of its accounts. Half of each page is left free so that those updates can stay on
-- their page (HOT: no new entry in either index of the table).
ALTER TABLE ledger_accounts SET (fillfactor = 50);
