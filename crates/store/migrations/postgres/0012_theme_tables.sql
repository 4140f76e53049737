-- Theme tables (issue 6, "the top themes become theme tables"): after the theme dot vote the facilitators
-- pick the top themes for a table round; the seating engine's preference mode seats everyone at a theme
-- (their dots are their ranking) and the result replaces that round's seats. Which table carries which
-- theme in which round, and the state of the last such run with how many got their 1st, 2nd, ... choice.
CREATE TABLE day_theme_tables (
    round_id  BIGINT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    table_id  BIGINT NOT NULL REFERENCES seating_tables(id) ON DELETE CASCADE,
    theme_id  BIGINT NOT NULL REFERENCES day_themes(id) ON DELETE CASCADE,
    summit_id BIGINT NOT NULL REFERENCES summits(id) ON DELETE CASCADE,
    PRIMARY KEY (round_id, table_id)
);
CREATE INDEX day_theme_tables_summit ON day_theme_tables(summit_id);

-- status: running (the engine works in the background), ready, failed (message says why).
-- by_rank: comma-separated counts of people at their 1st, 2nd, ... choice; unranked: at a theme they
-- gave no dots (or who placed none).
CREATE TABLE day_theme_runs (
    summit_id  BIGINT PRIMARY KEY REFERENCES summits(id) ON DELETE CASCADE,
    round_id   BIGINT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    themes     BIGINT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('running', 'ready', 'failed')),
    message    TEXT NOT NULL DEFAULT '',
    by_rank    TEXT NOT NULL DEFAULT '',
    unranked   BIGINT NOT NULL DEFAULT 0,
    started_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
