-- Seating (issue 5): a summit's tables, the state of its last seating run, and who sits where in every
-- table round of the programme. Table hosts are team members (users), not participants.
CREATE TABLE seating_tables (
    id           INTEGER PRIMARY KEY,
    summit_id    BIGINT NOT NULL REFERENCES summits(id) ON DELETE CASCADE,
    number       BIGINT NOT NULL CHECK (number >= 1),
    capacity     BIGINT NOT NULL CHECK (capacity >= 1),
    accessible   BOOLEAN NOT NULL DEFAULT FALSE,
    language     TEXT NOT NULL,
    host_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    UNIQUE (summit_id, number)
);

-- status: running (the engine works in the background), ready, failed (message says why).
CREATE TABLE seating_runs (
    summit_id  BIGINT PRIMARY KEY REFERENCES summits(id) ON DELETE CASCADE,
    status     TEXT NOT NULL CHECK (status IN ('running', 'ready', 'failed')),
    message    TEXT NOT NULL DEFAULT '',
    started_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE seating_assignments (
    round_id        BIGINT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    registration_id BIGINT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    table_id        BIGINT NOT NULL REFERENCES seating_tables(id) ON DELETE CASCADE,
    summit_id       BIGINT NOT NULL REFERENCES summits(id) ON DELETE CASCADE,
    PRIMARY KEY (round_id, registration_id)
);
CREATE INDEX seating_assignments_summit ON seating_assignments(summit_id);
CREATE INDEX seating_assignments_table ON seating_assignments(table_id);
