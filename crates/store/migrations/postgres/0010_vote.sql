-- The day, part B (issue 6): proposals, votes with secret changeable ballots, and action groups.

-- A theme table's structured proposal, drafted and published by its table host. theme_id refers to the
-- day's themes (part A) when there are any; table_id to the seating table that wrote it.
CREATE TABLE proposals (
    id          BIGSERIAL PRIMARY KEY,
    summit_id   BIGINT NOT NULL REFERENCES summits(id) ON DELETE CASCADE,
    table_id    BIGINT REFERENCES seating_tables(id) ON DELETE SET NULL,
    theme_id    BIGINT,
    title       TEXT NOT NULL,
    what        TEXT NOT NULL,
    why         TEXT NOT NULL,
    who_does    TEXT NOT NULL,
    we_can_do   TEXT NOT NULL,
    cost        BIGINT CHECK (cost IS NULL OR cost >= 0),
    status      TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    -- The reason given for the last edit of a published proposal (shown with it).
    edit_reason TEXT NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX proposals_summit ON proposals(summit_id, status);

-- A vote over published proposals. max_choices: approval (at most N) or dots (N dots); seats: how many win;
-- budget: MES / greedy.
CREATE TABLE votes (
    id            BIGSERIAL PRIMARY KEY,
    summit_id     BIGINT NOT NULL REFERENCES summits(id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    method        TEXT NOT NULL CHECK (method IN ('approval', 'dots', 'schulze', 'stv', 'mes', 'greedy')),
    max_choices   BIGINT NOT NULL CHECK (max_choices >= 0),
    seats         BIGINT NOT NULL CHECK (seats >= 1),
    budget        BIGINT NOT NULL CHECK (budget >= 0),
    hide_results  BOOLEAN NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
    paper_ballots BIGINT NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL,
    opened_at     BIGINT,
    closed_at     BIGINT
);
CREATE INDEX votes_summit ON votes(summit_id);

-- The options of a vote, fixed when it is created (position = the tie-breaking order).
CREATE TABLE vote_options (
    vote_id     BIGINT NOT NULL REFERENCES votes(id) ON DELETE CASCADE,
    position    BIGINT NOT NULL CHECK (position >= 1),
    proposal_id BIGINT REFERENCES proposals(id) ON DELETE SET NULL,
    label       TEXT NOT NULL,
    cost        BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (vote_id, position)
);

-- Who voted (one person, one ballot). Nothing here points at a ballot, and no time is kept.
CREATE TABLE vote_receipts (
    vote_id         BIGINT NOT NULL REFERENCES votes(id) ON DELETE CASCADE,
    registration_id BIGINT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    PRIMARY KEY (vote_id, registration_id)
);

-- What was voted, keyed by the SHA-256 of a random key that only the voter's browser holds. No voter, no
-- time, no sequence. When a vote closes its ballots are rewritten in key order (see Store::close_vote).
CREATE TABLE ballots (
    vote_id  BIGINT NOT NULL REFERENCES votes(id) ON DELETE CASCADE,
    key_hash TEXT NOT NULL,
    content  TEXT NOT NULL,
    PRIMARY KEY (vote_id, key_hash)
);

-- Server-generated ids of the forms already handled, so that a retried submission is not counted twice.
CREATE TABLE submissions (
    id TEXT PRIMARY KEY
);

-- One action group per chosen proposal, with one contact person.
CREATE TABLE action_groups (
    id                      BIGSERIAL PRIMARY KEY,
    summit_id               BIGINT NOT NULL REFERENCES summits(id) ON DELETE CASCADE,
    vote_id                 BIGINT NOT NULL REFERENCES votes(id) ON DELETE CASCADE,
    proposal_id             BIGINT REFERENCES proposals(id) ON DELETE SET NULL,
    title                   TEXT NOT NULL,
    contact_registration_id BIGINT REFERENCES registrations(id) ON DELETE SET NULL,
    created_at              BIGINT NOT NULL,
    UNIQUE (vote_id, title)
);
CREATE INDEX action_groups_summit ON action_groups(summit_id);

-- share_contact: the member's explicit consent to give the group their name, e-mail address and phone.
CREATE TABLE action_group_members (
    group_id        BIGINT NOT NULL REFERENCES action_groups(id) ON DELETE CASCADE,
    registration_id BIGINT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    share_contact   BOOLEAN NOT NULL,
    volunteer       BOOLEAN NOT NULL DEFAULT FALSE,
    joined_at       BIGINT NOT NULL,
    PRIMARY KEY (group_id, registration_id)
);
