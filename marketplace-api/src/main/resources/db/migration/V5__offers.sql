-- Benchmarks, verification, pricing and the marketplace of offers (issue 5).

-- The node's offer, kept on the node row so the offers query reads one table:
--   gpu_model / gpu_count / vram_mib: the GPUs the owner offers (the most common model; the smallest VRAM share),
--     derived from the hardware report and the owner's limits whenever either changes;
--   benchmark_score: the per-GPU score of the last accepted benchmark (docs/protocol.md section 10);
--   verification: pending (never challenged), verified, or unverified (with the reason shown to the owner);
--   reliability: basis points (0..10000), recomputed by housekeeping from uptime, job outcomes and stability.
ALTER TABLE nodes
    ADD COLUMN region               text CHECK (length(region) <= 64),
    ADD COLUMN gpu_model            text,
    ADD COLUMN gpu_count            integer NOT NULL DEFAULT 0,
    ADD COLUMN vram_mib             bigint  NOT NULL DEFAULT 0,
    ADD COLUMN benchmark            jsonb,
    ADD COLUMN benchmark_at         timestamptz,
    ADD COLUMN verification         text    NOT NULL DEFAULT 'pending'
        CHECK (verification IN ('pending', 'verified', 'unverified')),
    ADD COLUMN verification_reason  text,
    ADD COLUMN verified_at          timestamptz,
    ADD COLUMN next_challenge_at    timestamptz,
    ADD COLUMN reliability_parts    jsonb;

-- Listed in GET /api/offers: online, not in maintenance, not deleted, verified, with a GPU and a score.
ALTER TABLE nodes ADD COLUMN listed boolean GENERATED ALWAYS AS (
    status = 'online' AND NOT maintenance AND deleted_at IS NULL AND verification = 'verified' AND gpu_count > 0
    AND benchmark_score > 0) STORED;

-- Base units per score-unit-hour, exact: the ranking key of offers and of job matching.
ALTER TABLE nodes ADD COLUMN price_per_unit numeric GENERATED ALWAYS AS (
    price_per_gpu_hour::numeric / NULLIF(benchmark_score, 0)) STORED;

CREATE INDEX nodes_offers_price ON nodes (price_per_gpu_hour, id) WHERE listed;
CREATE INDEX nodes_offers_unit ON nodes (price_per_unit, id) WHERE listed;
CREATE INDEX nodes_offers_score ON nodes (benchmark_score DESC, id) WHERE listed;
-- NULLS LAST as in the offers' ORDER BY: a DESC index puts NULLs first, and could not serve that order.
CREATE INDEX nodes_offers_reliability ON nodes (reliability DESC NULLS LAST, id) WHERE listed;
CREATE INDEX nodes_offers_model ON nodes (lower(gpu_model)) WHERE listed;

-- Benchmark challenges (Freivalds-style row checks of a seeded matrix product), one row each, kept for audit.
--   deadline_at: until verify-commit is due, then (after the commit) until the opened rows are due;
--   score: the per-GPU score the node gets when this challenge passes;
--   rows / checked: the rows opened after the commit, and those that passed so far;
--   outcome: passed, failed (the node became unverified, reason says why), or cancelled (superseded by a newer
--   challenge, or the node was busy with a job and is asked again later).
CREATE TABLE benchmark_challenges (
    id           uuid        PRIMARY KEY,
    node_id      uuid        NOT NULL REFERENCES nodes (id),
    gpu_index    integer     NOT NULL,
    seed         text        NOT NULL,
    n            integer     NOT NULL,
    issued_at    timestamptz NOT NULL,
    deadline_at  timestamptz NOT NULL,
    score        bigint      NOT NULL CHECK (score > 0),
    committed_at timestamptz,
    root         text,
    rows         integer[],
    checked      integer[]   NOT NULL DEFAULT '{}',
    finished_at  timestamptz,
    outcome      text CHECK (outcome IN ('passed', 'failed', 'cancelled')),
    reason       text
);
CREATE INDEX benchmark_challenges_node ON benchmark_challenges (node_id, issued_at DESC);
CREATE INDEX benchmark_challenges_open ON benchmark_challenges (deadline_at) WHERE finished_at IS NULL;
-- A commitment is bound to its challenge: the same root offered by another challenge is a replay. Unique, so two
-- nodes committing one root at the same moment cannot both pass.
CREATE UNIQUE INDEX benchmark_challenges_root ON benchmark_challenges (root) WHERE root IS NOT NULL;

-- The duplicate GPU check looks up a uuid in every node's hardware report and benchmark (containment, @>).
CREATE INDEX nodes_hardware_gpus ON nodes USING gin ((hardware -> 'gpus') jsonb_path_ops);
CREATE INDEX nodes_benchmark_results ON nodes USING gin ((benchmark -> 'results') jsonb_path_ops);

-- Re-challenges: each instance picks its own connected nodes whose time came.
CREATE INDEX nodes_next_challenge ON nodes (instance_id, next_challenge_at) WHERE next_challenge_at IS NOT NULL;

-- Whether the owner set the price; otherwise it follows the benchmark: score x the operator's unit rate.
ALTER TABLE nodes ADD COLUMN price_by_owner boolean NOT NULL DEFAULT false;
