-- Confirmation deadline and replacements (issue 4, point 4).

-- The date by which selected people confirm or decline (ISO date, inclusive, UTC). After it, selected people
-- who did neither are no-shows that the organisers can replace.
CREATE TABLE confirmation_deadlines (
    summit_id BIGINT PRIMARY KEY REFERENCES summits(id) ON DELETE CASCADE,
    deadline  TEXT NOT NULL,
    set_at    BIGINT NOT NULL
);

-- Every seat that came free on the panel (a decline, a no-show after the deadline, a person who deleted their
-- data) and the reserve who took it (NULL when no reserve kept every quota). Pseudonymous: registration ids.
CREATE TABLE replacements (
    id             INTEGER PRIMARY KEY,
    summit_id      BIGINT NOT NULL REFERENCES summits(id) ON DELETE CASCADE,
    vacated_id     BIGINT NOT NULL UNIQUE REFERENCES registrations(id) ON DELETE CASCADE,
    reason         TEXT NOT NULL CHECK (reason IN ('declined', 'no_show', 'deleted')),
    replacement_id BIGINT REFERENCES registrations(id) ON DELETE SET NULL,
    created_at     BIGINT NOT NULL
);
CREATE INDEX replacements_summit ON replacements(summit_id);
