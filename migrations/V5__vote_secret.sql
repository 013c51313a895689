-- Secret votes (feature "vote", option --secret). Only what prevents double voting is kept while a secret
-- vote is open: a random salt per vote and, per voter, SHA-256(salt + user id) -> their current choice(s).
-- No user ids and no events are stored for secret ballots. At close the per-option totals are kept and the
-- salt and the hashes are deleted.
-- tables: vote_secret_salts, vote_secret_ballots, vote_secret_totals

ALTER TABLE vote_votes ADD COLUMN secret INTEGER NOT NULL DEFAULT 0;

CREATE TABLE vote_secret_salts (
    vote_id INTEGER PRIMARY KEY REFERENCES vote_votes(id),
    salt    TEXT    NOT NULL -- 32 random bytes, hex
);

CREATE TABLE vote_secret_ballots (
    vote_id    INTEGER NOT NULL REFERENCES vote_votes(id),
    voter_hash TEXT    NOT NULL, -- hex SHA-256 of salt bytes + user id (UTF-8)
    choice     INTEGER NOT NULL, -- 1-based option number
    PRIMARY KEY (vote_id, voter_hash, choice)
);

CREATE TABLE vote_secret_totals (
    vote_id INTEGER NOT NULL REFERENCES vote_votes(id),
    choice  INTEGER NOT NULL, -- 1-based option number; 0 holds the number of voters
    total   INTEGER NOT NULL,
    PRIMARY KEY (vote_id, choice)
);
