-- The double-entry ledger (payments.ledger). Sign convention: an entry's amount is added to its account's balance;
-- positive = the account holds more. Every transfer's entries sum to zero, so all balances together sum to zero.
-- Money enters and leaves through the treasury (the mirror of the on-chain pool), the one account allowed below zero:
-- its balance is minus what the system owes to buyers, hosts and the platform.
CREATE TABLE ledger_accounts (
    id             bigserial   PRIMARY KEY,
    kind           text        NOT NULL CHECK (kind IN ('treasury', 'buyer', 'escrow', 'host_earnings',
                                                        'platform_fees', 'payouts_in_flight')),
    -- wallet for buyer, host_earnings and payouts_in_flight; job id for escrow; none for the singletons
    owner          text,
    allow_negative boolean     NOT NULL,
    balance        bigint      NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL,
    CONSTRAINT ledger_accounts_owner CHECK ((owner IS NULL) = (kind IN ('treasury', 'platform_fees'))),
    CONSTRAINT ledger_accounts_allow_negative CHECK (allow_negative = (kind = 'treasury')),
    CONSTRAINT ledger_accounts_non_negative CHECK (allow_negative OR balance >= 0)
);
CREATE UNIQUE INDEX ledger_accounts_kind_owner ON ledger_accounts (kind, (coalesce(owner, '')));

-- id is the caller's idempotency key. A correction reverses exactly one earlier transfer, at most once.
CREATE TABLE ledger_transfers (
    id            uuid        PRIMARY KEY,
    kind          text        NOT NULL CHECK (kind ~ '^[a-z][a-z_]{0,31}$'),
    memo          text        NOT NULL DEFAULT '' CHECK (length(memo) <= 500),
    created_at    timestamptz NOT NULL,
    correction_of uuid        UNIQUE REFERENCES ledger_transfers (id),
    CHECK (correction_of IS DISTINCT FROM id)
);
CREATE INDEX ledger_transfers_created_at ON ledger_transfers (created_at);

CREATE TABLE ledger_entries (
    transfer_id uuid   NOT NULL REFERENCES ledger_transfers (id),
    account_id  bigint NOT NULL REFERENCES ledger_accounts (id),
    amount      bigint NOT NULL CHECK (amount <> 0),
    PRIMARY KEY (transfer_id, account_id)
);
CREATE INDEX ledger_entries_account ON ledger_entries (account_id);

-- Balances follow the entries in the same transaction, whoever inserts them; the non-negative check on the account
-- then refuses the whole transfer. Rows are locked in insertion order: callers insert in account id order.
CREATE FUNCTION ledger_apply_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ledger_accounts SET balance = balance + NEW.amount WHERE id = NEW.account_id;
    RETURN NULL;
END $$;
CREATE TRIGGER ledger_entries_apply AFTER INSERT ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_apply_entry();

-- At commit, every transfer touched must balance to zero and have entries at all.
CREATE FUNCTION ledger_require_balanced(tid uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    total numeric;
    n     bigint;
BEGIN
    SELECT coalesce(sum(amount), 0), count(*) INTO total, n FROM ledger_entries WHERE transfer_id = tid;
    IF n = 0 OR total <> 0 THEN
        RAISE EXCEPTION 'ledger transfer % is unbalanced: % entries summing to %', tid, n, total
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transfer_balanced';
    END IF;
END $$;
CREATE FUNCTION ledger_check_entry_transfer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ledger_require_balanced(NEW.transfer_id);
    RETURN NULL;
END $$;
CREATE FUNCTION ledger_check_transfer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ledger_require_balanced(NEW.id);
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_entry_transfer();
CREATE CONSTRAINT TRIGGER ledger_transfers_balanced AFTER INSERT ON ledger_transfers
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_transfer();

-- History is immutable: corrections are new transfers. Accounts change only through their entries.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger table % is append-only (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER ledger_transfers_immutable BEFORE UPDATE OR DELETE ON ledger_transfers
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_entries_immutable BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_accounts_undeletable BEFORE DELETE ON ledger_accounts
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_transfers_no_truncate BEFORE TRUNCATE ON ledger_transfers
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_accounts_no_truncate BEFORE TRUNCATE ON ledger_accounts
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- Direct updates of an account are refused; only ledger_apply_entry (one trigger level down) may move a balance.
CREATE FUNCTION ledger_guard_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF pg_trigger_depth() < 2 OR NEW.id <> OLD.id OR NEW.kind <> OLD.kind
            OR NEW.owner IS DISTINCT FROM OLD.owner OR NEW.allow_negative <> OLD.allow_negative
            OR NEW.created_at <> OLD.created_at THEN
        RAISE EXCEPTION 'ledger account % changes only through ledger entries', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER ledger_accounts_guard BEFORE UPDATE ON ledger_accounts
    FOR EACH ROW EXECUTE FUNCTION ledger_guard_account();
