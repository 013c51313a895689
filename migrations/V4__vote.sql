-- Votes and consensus proposals (feature "vote"). Instants are epoch milliseconds (INTEGER).
-- Stored: ids, the question and options organizers chose to post, ballots (user id -> choice) and the
-- event that gave each ballot (so a redaction withdraws it). No message bodies; a block's reason is kept
-- because the result has to state it.
-- tables: vote_votes, vote_ballots, vote_undecryptable

CREATE TABLE vote_votes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id     TEXT    NOT NULL,
    kind        TEXT    NOT NULL, -- VOTE, PROPOSAL
    question    TEXT    NOT NULL,
    options     TEXT    NOT NULL, -- the option texts, one a line, in order (option n is line n)
    max_choices INTEGER NOT NULL,
    quorum      TEXT,             -- "3" or "50%", or null
    closes_at   INTEGER,          -- null: open until closed by command
    created_by  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    state       TEXT    NOT NULL, -- OPEN, CLOSED
    poll_event  TEXT,
    closed_at   INTEGER
);
CREATE INDEX vote_votes_room ON vote_votes(room_id, state);
CREATE INDEX vote_votes_poll ON vote_votes(room_id, poll_event);

CREATE TABLE vote_ballots (
    vote_id   INTEGER NOT NULL REFERENCES vote_votes(id),
    user_id   TEXT    NOT NULL,
    choice    INTEGER NOT NULL, -- 1-based option number
    via_event TEXT    NOT NULL, -- the poll response, reaction or command that gave it
    reason    TEXT,             -- a block's reason (proposals only)
    cast_at   INTEGER NOT NULL,
    PRIMARY KEY (vote_id, user_id, choice)
);
CREATE INDEX vote_ballots_via ON vote_ballots(via_event);

CREATE TABLE vote_undecryptable (
    vote_id  INTEGER NOT NULL REFERENCES vote_votes(id),
    event_id TEXT    NOT NULL,
    PRIMARY KEY (vote_id, event_id)
);
