-- What the operator page shows besides the other tables: unexpected API errors (500s), each under the id its client
-- was given, so a user's report can be matched to the log. Kept 7 days (housekeeping).
CREATE TABLE api_errors (
    id       bigserial   PRIMARY KEY,
    at       timestamptz NOT NULL,
    error_id text        NOT NULL,
    method   text        NOT NULL,
    path     text        NOT NULL,
    message  text        NOT NULL
);
CREATE INDEX api_errors_at ON api_errors (at DESC);
CREATE INDEX nodes_admin ON nodes (created_at DESC) WHERE deleted_at IS NULL;
