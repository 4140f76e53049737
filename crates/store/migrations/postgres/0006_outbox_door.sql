-- Confirmation, messages, the door and the retention of personal data (issue 4, points 4 to 6).

-- Personal links: the link in a message through which a person confirms or declines (when selected) and sees,
-- downloads or deletes their own data. Only the SHA-256 of the random token is stored; a registration gets one
-- link per message, and every one of them works.
CREATE TABLE personal_links (
    token_hash      TEXT PRIMARY KEY,
    registration_id BIGINT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    created_at      BIGINT NOT NULL
);
CREATE INDEX personal_links_registration ON personal_links(registration_id);

-- Messages to registrants, rendered in their language. The recipient is named by the registration's pseudonym;
-- the address, subject and body are personal data and are emptied by the purge (the row stays, as a count).
-- status: queued (waiting; stays so without SMTP, for the CSV export), sending (claimed by a sender), sent, failed.
CREATE TABLE outbox (
    id         BIGSERIAL PRIMARY KEY,
    summit_id  BIGINT NOT NULL REFERENCES summits(id) ON DELETE CASCADE,
    public_id  TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('registration_received', 'selected', 'reserve', 'not_selected',
                   'replacement')),
    channel    TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient  TEXT,
    language   TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
    error      TEXT,
    attempts   BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    sent_at    BIGINT
);
CREATE INDEX outbox_summit ON outbox(summit_id, status);
CREATE INDEX outbox_status ON outbox(status, id);
CREATE INDEX outbox_public_id ON outbox(public_id);

-- A confirmed participant's badge: the check-in code on it (random, typeable, in the badge's QR code) and when
-- the person came in. Deleted by the purge; the registration's status (checked_in) stays for the counts.
CREATE TABLE badges (
    registration_id BIGINT PRIMARY KEY REFERENCES registrations(id) ON DELETE CASCADE,
    summit_id       BIGINT NOT NULL REFERENCES summits(id) ON DELETE CASCADE,
    code            TEXT NOT NULL UNIQUE,
    created_at      BIGINT NOT NULL,
    checked_in_at   BIGINT,
    checked_in_by   TEXT
);
CREATE INDEX badges_summit ON badges(summit_id);

-- The date after which `g1000 purge` deletes a summit's personal data (ISO date), and when it last did.
CREATE TABLE summit_retention (
    summit_id      BIGINT PRIMARY KEY REFERENCES summits(id) ON DELETE CASCADE,
    retention_date TEXT,
    purged_at      BIGINT
);
