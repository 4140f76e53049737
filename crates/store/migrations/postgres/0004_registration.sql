-- Registration: invitation codes (hashes only), the people who registered, their self-declared bands and their
-- access needs.
--
-- Personal data lives only in registration_contact (name, contact, consent) and registration_needs (access needs,
-- a special category with its own consent and an earlier deletion date), one row per registration each, so that a
-- purge deletes those rows and keeps the pseudonymous registration (public_id, group, status, bands).

-- One imported codes.txt (kind 'letters': from `g1000 invite draw`) or the personal invitation links the
-- organisers made for one group (kind 'links'). The salt is the draw's (hex); codes are hashed as
-- SHA-256(salt || normalised code), so the same file imported twice lands in the same batch.
CREATE TABLE code_batches (
    id          BIGSERIAL PRIMARY KEY,
    summit_id   BIGINT NOT NULL REFERENCES summits(id) ON DELETE CASCADE,
    group_id    BIGINT NOT NULL REFERENCES stakeholder_groups(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('letters', 'links')),
    salt        TEXT NOT NULL UNIQUE,
    file_sha256 TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX code_batches_summit ON code_batches(summit_id);

-- The hash of one invitation code. The hash includes its batch's salt, so it is unique across batches.
CREATE TABLE invitations (
    code_hash TEXT PRIMARY KEY,
    batch_id  BIGINT NOT NULL REFERENCES code_batches(id) ON DELETE CASCADE,
    used_at   BIGINT
);
CREATE INDEX invitations_batch ON invitations(batch_id);

-- A person who answered. No code, no name: public_id is a random pseudonym (>= 64 bits).
-- status: pool (in the draw), waiting (open registration past its cap), unavailable (cannot attend),
-- selected, reserve, not_selected (stage 2), declined, confirmed, checked_in, withdrawn.
CREATE TABLE registrations (
    id            BIGSERIAL PRIMARY KEY,
    summit_id     BIGINT NOT NULL REFERENCES summits(id) ON DELETE CASCADE,
    group_id      BIGINT NOT NULL REFERENCES stakeholder_groups(id),
    public_id     TEXT NOT NULL UNIQUE,
    channel       TEXT NOT NULL CHECK (channel IN ('letter', 'link', 'open')),
    status        TEXT NOT NULL CHECK (status IN ('pool', 'waiting', 'unavailable', 'selected', 'reserve',
                      'not_selected', 'declined', 'confirmed', 'checked_in', 'withdrawn')),
    can_attend    BOOLEAN NOT NULL,
    language      TEXT NOT NULL,
    reserve_rank  BIGINT,
    registered_at BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX registrations_summit ON registrations(summit_id, group_id, status);

-- Personal data: deleted by the purge after the retention date.
CREATE TABLE registration_contact (
    registration_id BIGINT PRIMARY KEY REFERENCES registrations(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    email           TEXT,
    phone           TEXT,
    consent_at      BIGINT NOT NULL,
    privacy_version TEXT NOT NULL
);

-- Access needs (health, religion: special categories): only with explicit consent, deleted soon after the day.
CREATE TABLE registration_needs (
    registration_id      BIGINT PRIMARY KEY REFERENCES registrations(id) ON DELETE CASCADE,
    wheelchair           BOOLEAN NOT NULL DEFAULT FALSE,
    hearing_loop         BOOLEAN NOT NULL DEFAULT FALSE,
    sign_language        BOOLEAN NOT NULL DEFAULT FALSE,
    interpreter_language TEXT,
    diet                 TEXT NOT NULL DEFAULT '',
    diet_other           TEXT,
    consent_at           BIGINT NOT NULL
);

-- The band a registrant declared for each attribute (the band's label as it was when they registered).
CREATE TABLE registration_bands (
    registration_id BIGINT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    attribute_id    BIGINT NOT NULL REFERENCES attributes(id) ON DELETE CASCADE,
    band            TEXT NOT NULL,
    PRIMARY KEY (registration_id, attribute_id)
);
CREATE INDEX registration_bands_attribute ON registration_bands(attribute_id, band);
