-- Nodes: a host machine bound to a wallet by a redeemed registration token, identified by its ed25519 key.
-- status is the connection as the gateways see it; the public state is derived:
-- deleted (deleted_at set) > maintenance (owner's flag) > status.
CREATE TABLE nodes (
    id                   uuid        PRIMARY KEY,
    wallet               text        NOT NULL,
    node_key             text        NOT NULL UNIQUE,
    token_id             uuid        NOT NULL UNIQUE REFERENCES node_tokens (id),
    name                 text        NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    status               text        NOT NULL CHECK (status IN ('installing', 'online', 'offline')),
    maintenance          boolean     NOT NULL DEFAULT false,
    deleted_at           timestamptz,
    -- The connection that currently speaks for the node, and the instance holding it. A close or heartbeat from
    -- any other session is stale and changes nothing (fencing).
    session_id           uuid,
    instance_id          text,
    agent_version        text,
    hardware             jsonb,
    last_heartbeat_at    timestamptz,
    last_seq             bigint,
    limits               jsonb       NOT NULL DEFAULT '{"gpus": []}',
    limits_version       bigint      NOT NULL DEFAULT 1,
    limits_acked_version bigint      NOT NULL DEFAULT 0,
    limits_ack_error     text,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);
CREATE INDEX nodes_wallet ON nodes (wallet, created_at DESC);
CREATE INDEX nodes_online_heartbeat ON nodes (last_heartbeat_at) WHERE status = 'online';

-- Every change of a node's public state, with its time: uptime history for reliability.
CREATE TABLE node_transitions (
    id         bigserial   PRIMARY KEY,
    node_id    uuid        NOT NULL REFERENCES nodes (id),
    at         timestamptz NOT NULL,
    from_state text,
    to_state   text        NOT NULL,
    reason     text        NOT NULL
);
CREATE INDEX node_transitions_node_at ON node_transitions (node_id, at);

-- Raw heartbeat samples: one row per GPU (gpu_index >= 0) and one host row (gpu_index = -1) per heartbeat.
CREATE TABLE node_telemetry (
    node_id          uuid        NOT NULL REFERENCES nodes (id),
    at               timestamptz NOT NULL,
    gpu_index        integer     NOT NULL,
    utilization      real,
    temperature      real,
    memory_used_mib  bigint,
    memory_total_mib bigint,
    power_w          real,
    cpu_load         real,
    memory_used      bigint,
    PRIMARY KEY (node_id, at, gpu_index)
);
CREATE INDEX node_telemetry_at ON node_telemetry (at);
