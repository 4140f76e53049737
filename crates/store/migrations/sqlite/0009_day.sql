-- The day (issue 6, part A): participants' phone sessions, the facilitator's programme state and timer,
-- attendance at the tables, keywords with their moderation, themes and the theme vote (dots).

-- A participant's phone session, opened with their badge code: only the token's hash is stored.
CREATE TABLE day_sessions (
    token_hash      TEXT PRIMARY KEY,
    registration_id BIGINT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    summit_id       BIGINT NOT NULL REFERENCES summits(id) ON DELETE CASCADE,
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL
);
CREATE INDEX day_sessions_registration ON day_sessions(registration_id);

-- Where the programme stands: the current round and its timer. The timer has run `elapsed_ms` before
-- `running_since` (NULL while paused or not started).
CREATE TABLE day_state (
    summit_id      BIGINT PRIMARY KEY REFERENCES summits(id) ON DELETE CASCADE,
    round_id       BIGINT REFERENCES rounds(id) ON DELETE SET NULL,
    round_started  BIGINT,
    running_since  BIGINT,
    elapsed_ms     BIGINT NOT NULL DEFAULT 0,
    dots           BIGINT NOT NULL DEFAULT 3 CHECK (dots BETWEEN 1 AND 20),
    vote_status    TEXT NOT NULL DEFAULT 'none' CHECK (vote_status IN ('none', 'open', 'closed')),
    updated_at     BIGINT NOT NULL
);

-- Who is at their table in a round (marked by the table host).
CREATE TABLE day_attendance (
    round_id        BIGINT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    registration_id BIGINT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    summit_id       BIGINT NOT NULL REFERENCES summits(id) ON DELETE CASCADE,
    present         BOOLEAN NOT NULL,
    marked_by       TEXT NOT NULL,
    marked_at       BIGINT NOT NULL,
    PRIMARY KEY (round_id, registration_id)
);

-- Themes of the agenda, made by the facilitators (by hand or from suggestions).
CREATE TABLE day_themes (
    id         INTEGER PRIMARY KEY,
    summit_id  BIGINT NOT NULL REFERENCES summits(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    -- A theme merged into another stays (for the audit trail) but is no longer shown.
    merged_into BIGINT REFERENCES day_themes(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX day_themes_summit ON day_themes(summit_id);

-- Keywords from participants (registration_id) or from a table host for a table (table_id). `original` is never
-- changed; moderation edits `shown`, hides it or merges it into another keyword, with a reason.
-- `submission_id` is the form's random id: a retried post hits the UNIQUE constraint and is counted once.
CREATE TABLE day_keywords (
    id              INTEGER PRIMARY KEY,
    summit_id       BIGINT NOT NULL REFERENCES summits(id) ON DELETE CASCADE,
    round_id        BIGINT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    registration_id BIGINT REFERENCES registrations(id) ON DELETE SET NULL,
    table_id        BIGINT REFERENCES seating_tables(id) ON DELETE SET NULL,
    entered_by      TEXT NOT NULL,
    original        TEXT NOT NULL,
    shown           TEXT NOT NULL,
    hidden          BOOLEAN NOT NULL DEFAULT FALSE,
    merged_into     BIGINT REFERENCES day_keywords(id) ON DELETE SET NULL,
    reason          TEXT NOT NULL DEFAULT '',
    theme_id        BIGINT REFERENCES day_themes(id) ON DELETE SET NULL,
    submission_id   TEXT NOT NULL UNIQUE,
    created_at      BIGINT NOT NULL
);
CREATE INDEX day_keywords_summit ON day_keywords(summit_id);

-- Synonyms the facilitators add: `word` counts as `canonical` in the word cloud.
CREATE TABLE day_synonyms (
    summit_id BIGINT NOT NULL REFERENCES summits(id) ON DELETE CASCADE,
    word      TEXT NOT NULL,
    canonical TEXT NOT NULL,
    PRIMARY KEY (summit_id, word)
);

-- The theme vote: a participant's dots per theme (replaced as a whole until the vote closes).
CREATE TABLE day_theme_dots (
    summit_id       BIGINT NOT NULL REFERENCES summits(id) ON DELETE CASCADE,
    registration_id BIGINT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    theme_id        BIGINT NOT NULL REFERENCES day_themes(id) ON DELETE CASCADE,
    dots            BIGINT NOT NULL CHECK (dots >= 1),
    PRIMARY KEY (registration_id, theme_id)
);
CREATE INDEX day_theme_dots_summit ON day_theme_dots(summit_id);
