-- Foundation: accounts, sessions, summits, stakeholder groups, programme rounds.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT,
    is_organiser  BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    BIGINT NOT NULL
);

-- One-time claims (e.g. 'first-organiser'): the primary key makes a second claim fail, even under concurrency.
CREATE TABLE claims (
    name       TEXT PRIMARY KEY,
    claimed_at BIGINT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE summits (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    community   TEXT NOT NULL,
    date        TEXT NOT NULL,
    start_time  TEXT NOT NULL DEFAULT '09:30',
    venue       TEXT NOT NULL,
    capacity    BIGINT NOT NULL,
    languages   TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    published   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE memberships (
    summit_id  BIGINT NOT NULL REFERENCES summits(id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('organiser', 'facilitator', 'table_host', 'participant')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (summit_id, user_id, role)
);
CREATE INDEX memberships_user ON memberships(user_id);

CREATE TABLE stakeholder_groups (
    id          INTEGER PRIMARY KEY,
    summit_id   BIGINT NOT NULL REFERENCES summits(id) ON DELETE CASCADE,
    position    BIGINT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('citizens', 'employers', 'government', 'free_thinkers', 'other')),
    seat_target BIGINT NOT NULL CHECK (seat_target >= 0),
    join_method TEXT NOT NULL CHECK (join_method IN ('lottery', 'invitation', 'open')),
    open_cap    BIGINT
);
CREATE INDEX stakeholder_groups_summit ON stakeholder_groups(summit_id, position);

CREATE TABLE rounds (
    id           INTEGER PRIMARY KEY,
    summit_id    BIGINT NOT NULL REFERENCES summits(id) ON DELETE CASCADE,
    position     BIGINT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('welcome', 'dialogue', 'agenda', 'proposals', 'vote', 'statements', 'commitment', 'closing')),
    question     TEXT NOT NULL,
    duration_min BIGINT NOT NULL CHECK (duration_min > 0),
    table_size   BIGINT NOT NULL CHECK (table_size >= 0)
);
CREATE INDEX rounds_summit ON rounds(summit_id, position);
