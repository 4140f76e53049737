-- Self-declared attributes (kenmerken) with their bands, as the organisers configure them per summit: asked on
-- the registration form, used for quotas and seating. Shares are the community's, in per mille (for suggested
-- quotas); NULL when unknown.
CREATE TABLE attributes (
    id        INTEGER PRIMARY KEY,
    summit_id BIGINT NOT NULL REFERENCES summits(id) ON DELETE CASCADE,
    position  BIGINT NOT NULL,
    name      TEXT NOT NULL,
    UNIQUE (summit_id, name)
);

CREATE TABLE attribute_bands (
    attribute_id   BIGINT NOT NULL REFERENCES attributes(id) ON DELETE CASCADE,
    position       BIGINT NOT NULL,
    label          TEXT NOT NULL,
    share_permille BIGINT,
    PRIMARY KEY (attribute_id, position)
);
