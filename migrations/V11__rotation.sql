-- Rotating roles (feature "rotation"). Instants are epoch milliseconds (INTEGER).
-- Stored: role names and settings organizers chose, who volunteered (and when), away periods with a short
-- reason in the person's own words, terms (who held which seat when, and whether they accepted), and the
-- public history of organizer overrides with their reason. No message bodies (P1).
-- tables: rotation_roles, rotation_pool, rotation_away, rotation_terms, rotation_history

CREATE TABLE rotation_roles (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id    TEXT    NOT NULL,
    name       TEXT    NOT NULL, -- as the organizer wrote it
    name_key   TEXT    NOT NULL, -- lower case: unique per room
    term       TEXT    NOT NULL, -- assembly, moon or 1w … 13w
    seats      INTEGER NOT NULL,
    shadow     TEXT    NOT NULL, -- 1w, 3d, 1 assembly …
    max_terms  INTEGER,          -- consecutive terms one person may hold; null: unlimited
    checklist  TEXT    NOT NULL, -- items, one a line
    created_by TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (room_id, name_key)
);

CREATE TABLE rotation_pool (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT, -- the order of volunteering, for ties
    role_id      INTEGER NOT NULL REFERENCES rotation_roles(id),
    user_id      TEXT    NOT NULL,
    volunteered  INTEGER NOT NULL,
    UNIQUE (role_id, user_id)
);

CREATE TABLE rotation_away (
    room_id TEXT    NOT NULL,
    user_id TEXT    NOT NULL,
    since   INTEGER NOT NULL,
    until   INTEGER NOT NULL,
    reason  TEXT,             -- the person's own words, at most 80 characters
    PRIMARY KEY (room_id, user_id)
);

-- One row per person per seat per term: the holders, and the successors asked before a term.
CREATE TABLE rotation_terms (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    role_id     INTEGER NOT NULL REFERENCES rotation_roles(id),
    seat        INTEGER NOT NULL, -- 1 … seats
    holder      TEXT    NOT NULL,
    starts_at   INTEGER NOT NULL,
    ends_at     INTEGER NOT NULL,
    state       TEXT    NOT NULL, -- ASKED, ACCEPTED, DECLINED, EXPIRED, RELEASED
    asked_at    INTEGER,
    answered_at INTEGER,
    reason      TEXT              -- a decline's or release's short reason, or null
);
CREATE INDEX rotation_terms_role ON rotation_terms(role_id, starts_at);
CREATE INDEX rotation_terms_holder ON rotation_terms(holder, state);

-- Organizer overrides and skips, shown in !role history.
CREATE TABLE rotation_history (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    role_id INTEGER NOT NULL REFERENCES rotation_roles(id),
    at      INTEGER NOT NULL,
    kind    TEXT    NOT NULL, -- ASSIGN, SWAP, SKIP
    actor   TEXT    NOT NULL,
    subject TEXT,
    other   TEXT,
    reason  TEXT
);
CREATE INDEX rotation_history_role ON rotation_history(role_id, at);
