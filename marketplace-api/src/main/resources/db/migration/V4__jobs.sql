-- Jobs: the durable queue. A job is run as numbered attempts; the attempt number fences reports from nodes that no
-- longer hold it. State: queued -> assigned -> running -> succeeded | failed | cancelled | timed_out | expired.

-- What a node offers to the matcher: its runners (from the agent's hello), and its price per GPU-hour in base units
-- of the reward token (null: the operator's default). benchmark_score and reliability come with issue 5.
ALTER TABLE nodes
    ADD COLUMN runners           text[]  NOT NULL DEFAULT '{}',
    ADD COLUMN price_per_gpu_hour bigint CHECK (price_per_gpu_hour > 0),
    ADD COLUMN benchmark_score   bigint CHECK (benchmark_score >= 0),
    ADD COLUMN reliability       integer CHECK (reliability BETWEEN 0 AND 10000);

CREATE TABLE jobs (
    id                  uuid        PRIMARY KEY,
    buyer               text        NOT NULL,
    idempotency_key     text,
    request_sha256      text        NOT NULL,
    runtime             jsonb       NOT NULL,
    runtime_type        text        NOT NULL CHECK (runtime_type IN ('process', 'container')),
    gpu_count           integer     NOT NULL CHECK (gpu_count BETWEEN 0 AND 64),
    min_vram_mib        bigint      NOT NULL CHECK (min_vram_mib >= 0),
    gpu_models          text[]      NOT NULL,
    min_score           bigint      NOT NULL CHECK (min_score >= 0),
    max_price_per_hour  bigint      NOT NULL CHECK (max_price_per_hour > 0),
    time_limit_seconds  integer     NOT NULL CHECK (time_limit_seconds > 0),
    start_deadline      timestamptz,
    target_node         uuid        REFERENCES nodes (id),
    state               text        NOT NULL CHECK (state IN ('queued', 'assigned', 'running', 'succeeded', 'failed',
                                                              'cancelled', 'timed_out', 'expired')),
    reason              text,
    attempt             integer     NOT NULL DEFAULT 0,
    -- The current (or last) attempt's node, GPUs, agreed price and lease.
    node_id             uuid        REFERENCES nodes (id),
    gpu_indices         integer[],
    price_per_hour      bigint,
    lease_expires_at    timestamptz,
    -- Not before this time may the queued job be matched again (retry backoff).
    available_at        timestamptz NOT NULL,
    cancel_requested_at timestamptz,
    created_at          timestamptz NOT NULL,
    queued_at           timestamptz NOT NULL,
    assigned_at         timestamptz,
    started_at          timestamptz,
    finished_at         timestamptz,
    exit_code           integer,
    output_bytes        bigint,
    output_sha256       text,
    output_truncated    boolean,
    log_bytes           bigint      NOT NULL DEFAULT 0,
    logs_truncated      boolean     NOT NULL DEFAULT false,
    updated_at          timestamptz NOT NULL,
    UNIQUE (buyer, idempotency_key)
);
CREATE INDEX jobs_queue ON jobs (available_at, created_at) WHERE state = 'queued';
CREATE INDEX jobs_active_node ON jobs (node_id) WHERE state IN ('assigned', 'running');
CREATE INDEX jobs_lease ON jobs (lease_expires_at) WHERE state IN ('assigned', 'running');
CREATE INDEX jobs_buyer ON jobs (buyer, created_at DESC);
CREATE INDEX jobs_deadline ON jobs (start_deadline) WHERE state = 'queued' AND start_deadline IS NOT NULL;
CREATE INDEX jobs_started ON jobs (started_at) WHERE started_at IS NOT NULL;

-- Every attempt: which node ran it and how it ended. A host's job history is the attempts on its nodes.
CREATE TABLE job_attempts (
    job_id      uuid        NOT NULL REFERENCES jobs (id),
    attempt     integer     NOT NULL,
    node_id     uuid        NOT NULL REFERENCES nodes (id),
    gpu_indices integer[]   NOT NULL,
    queued_at   timestamptz NOT NULL,
    assigned_at timestamptz NOT NULL,
    started_at  timestamptz,
    ended_at    timestamptz,
    outcome     text,
    reason      text,
    PRIMARY KEY (job_id, attempt)
);
CREATE INDEX job_attempts_node ON job_attempts (node_id, assigned_at DESC);

-- Every change of a job's state, with its time and reason.
CREATE TABLE job_transitions (
    id         bigserial   PRIMARY KEY,
    job_id     uuid        NOT NULL REFERENCES jobs (id),
    attempt    integer     NOT NULL,
    at         timestamptz NOT NULL,
    from_state text,
    to_state   text        NOT NULL,
    reason     text        NOT NULL
);
CREATE INDEX job_transitions_job ON job_transitions (job_id, id);

-- Output chunks as the agent sent them, once per (job, attempt, seq), up to the per-job cap.
CREATE TABLE job_logs (
    job_id  uuid        NOT NULL REFERENCES jobs (id),
    attempt integer     NOT NULL,
    seq     bigint      NOT NULL,
    stream  text        NOT NULL CHECK (stream IN ('stdout', 'stderr')),
    at      timestamptz NOT NULL,
    data    text        NOT NULL,
    PRIMARY KEY (job_id, attempt, seq)
);

-- Usage receipts signed by the node key (docs/protocol.md section 9). Billing reads only these.
CREATE TABLE job_receipts (
    job_id        uuid        NOT NULL REFERENCES jobs (id),
    attempt       integer     NOT NULL,
    node_id       uuid        NOT NULL REFERENCES nodes (id),
    node_key      text        NOT NULL,
    outcome       text        NOT NULL,
    exit_code     integer,
    started_at    timestamptz NOT NULL,
    ended_at      timestamptz NOT NULL,
    output_bytes  bigint      NOT NULL,
    result_sha256 text        NOT NULL,
    signature     text        NOT NULL,
    verified_at   timestamptz NOT NULL,
    PRIMARY KEY (job_id, attempt)
);
-- Only the attempt that finished the job has a receipt: at most one per job.
CREATE UNIQUE INDEX job_receipts_one_per_job ON job_receipts (job_id);
