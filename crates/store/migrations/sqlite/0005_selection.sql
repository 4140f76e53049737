-- Stage 2 selection (loting, tweede fase): one selection per summit, for its lottery group. The organisers set
-- quotas per attribute band; a run freezes the pseudonymised pool and quota files and stores the engine's
-- distribution and lottery; a commitment (SHA-256 of those files and the engine version) is published before the
-- public draw; the ticket drawn in public gives the panel and an ordered reserve list.
--
-- No personal data: the pool holds a fresh random pseudonym per registrant (never their registration number) and
-- the bands; the link to the registration stays in this database only.
--
-- state: draft (quotas being set), running (the engine runs), failed (it stopped; error says why), ready
-- (distribution and lottery made), everyone (no more eligible people than seats: everyone is admitted, no
-- lottery), committed (commitment published: pool and quotas frozen), drawn (ticket entered, panel and reserves
-- stored).
CREATE TABLE selections (
    id                INTEGER PRIMARY KEY,
    summit_id         BIGINT NOT NULL UNIQUE REFERENCES summits(id) ON DELETE CASCADE,
    group_id          BIGINT NOT NULL REFERENCES stakeholder_groups(id) ON DELETE CASCADE,
    seats             BIGINT NOT NULL,
    state             TEXT NOT NULL CHECK (state IN ('draft', 'running', 'failed', 'ready', 'everyone',
                          'committed', 'drawn')),
    run_started_at    BIGINT,
    progress_done     BIGINT NOT NULL DEFAULT 0,
    progress_total    BIGINT NOT NULL DEFAULT 0,
    progress_at       BIGINT,
    error             TEXT,
    features_csv      TEXT,
    people_csv        TEXT,
    distribution_json TEXT,
    lottery_json      TEXT,
    tickets           BIGINT,
    commitment_json   TEXT,
    committed_at      BIGINT,
    ticket            BIGINT,
    draw_json         TEXT,
    drawn_at          BIGINT,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);

-- The organisers' quota per band of an attribute (min and max seats).
CREATE TABLE selection_quotas (
    selection_id BIGINT NOT NULL REFERENCES selections(id) ON DELETE CASCADE,
    attribute_id BIGINT NOT NULL REFERENCES attributes(id) ON DELETE CASCADE,
    band         TEXT NOT NULL,
    min_seats    BIGINT NOT NULL,
    max_seats    BIGINT NOT NULL,
    PRIMARY KEY (selection_id, attribute_id, band)
);

-- The frozen pool of a run: who is behind each pseudonym, and after the draw their outcome and, for reserves,
-- their place in the ordered reserve list (1 = first to ask).
CREATE TABLE selection_pool (
    selection_id    BIGINT NOT NULL REFERENCES selections(id) ON DELETE CASCADE,
    pseudonym       TEXT NOT NULL,
    registration_id BIGINT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    outcome         TEXT CHECK (outcome IN ('selected', 'reserve', 'not_selected')),
    reserve_rank    BIGINT,
    PRIMARY KEY (selection_id, pseudonym)
);
CREATE INDEX selection_pool_registration ON selection_pool(registration_id);
