-- Backlane's durable state; the same script serves H2 (PostgreSQL mode) and PostgreSQL 15+.
-- See docs/store.md for what each column means and how to query it.

-- Every account and region Backlane has seen (and given its default VPC), even when it now holds nothing.
CREATE TABLE scopes (
    account VARCHAR(12) NOT NULL,
    region VARCHAR(32) NOT NULL,
    created_seq BIGINT NOT NULL,
    PRIMARY KEY (account, region)
);

-- One row per resource: the record as JSON in body, plus columns to query by.
CREATE TABLE resources (
    account VARCHAR(12) NOT NULL,
    region VARCHAR(32) NOT NULL,
    kind VARCHAR(64) NOT NULL,
    id VARCHAR(512) NOT NULL,
    vpc_id VARCHAR(64),
    created_seq BIGINT NOT NULL,
    updated_seq BIGINT NOT NULL,
    body VARCHAR(1000000) NOT NULL,
    PRIMARY KEY (account, region, kind, id)
);

CREATE INDEX resources_by_vpc ON resources (vpc_id);

-- What each command changed, by sequence number: servers sharing the store follow it.
CREATE TABLE change_log (
    seq BIGINT NOT NULL,
    position INT NOT NULL,
    operation VARCHAR(16) NOT NULL,
    account VARCHAR(12),
    region VARCHAR(32),
    kind VARCHAR(64),
    id VARCHAR(512),
    committed_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    PRIMARY KEY (seq, position)
);

-- The last sequence number written, and the oldest the change log still holds. Writers lock this row.
CREATE TABLE store_head (
    singleton INT NOT NULL PRIMARY KEY,
    head BIGINT NOT NULL,
    log_start BIGINT NOT NULL,
    CHECK (singleton = 1)
);

INSERT INTO store_head (singleton, head, log_start) VALUES (1, 0, 0);
