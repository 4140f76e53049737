-- Common ground (issue 7): statements rounds. Participants send short statements from their phone (or
-- facilitators add them); facilitators approve, hide or edit them with a reason (the original is kept); every
-- participant votes agree / disagree / pass on the others' approved statements.

-- author is pseudonymous (participant:PUBLIC_ID or user#ID). submission_id is the form's random id: a retried
-- post hits the UNIQUE constraint and is stored once. theme_id: the agenda theme made from it, if any.
CREATE TABLE day_statements (
    id            BIGSERIAL PRIMARY KEY,
    summit_id     BIGINT NOT NULL REFERENCES summits(id) ON DELETE CASCADE,
    round_id      BIGINT REFERENCES rounds(id) ON DELETE SET NULL,
    author        TEXT NOT NULL,
    original      TEXT NOT NULL,
    shown         TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'hidden')),
    reason        TEXT NOT NULL DEFAULT '',
    theme_id      BIGINT REFERENCES day_themes(id) ON DELETE SET NULL,
    submission_id TEXT NOT NULL UNIQUE,
    created_at    BIGINT NOT NULL
);
CREATE INDEX day_statements_summit ON day_statements(summit_id);

-- Opinion votes (not secret ballots): one per statement and pseudonymous voter (participant:PUBLIC_ID), the
-- last one counts. vote: 1 agree, -1 disagree, 0 pass (the Polis convention).
CREATE TABLE day_statement_votes (
    statement_id BIGINT NOT NULL REFERENCES day_statements(id) ON DELETE CASCADE,
    summit_id    BIGINT NOT NULL REFERENCES summits(id) ON DELETE CASCADE,
    voter        TEXT NOT NULL,
    vote         BIGINT NOT NULL CHECK (vote IN (-1, 0, 1)),
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (statement_id, voter)
);
CREATE INDEX day_statement_votes_voter ON day_statement_votes(summit_id, voter);

-- Statements online before the day, for the whole community: open while the organisers keep it open. Online
-- voters are pseudonymous (online:HASH of a random cookie), one per browser.
CREATE TABLE online_statements (
    summit_id  BIGINT PRIMARY KEY REFERENCES summits(id) ON DELETE CASCADE,
    open       BOOLEAN NOT NULL,
    updated_at BIGINT NOT NULL
);
