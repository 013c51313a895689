-- The global mirror (feature "mirror", issue 10): at every assembly a spotlight on a struggle in another country,
-- researched in rotation. Instants are epoch milliseconds (INTEGER).
-- Stored: which rooms have it on and their settings; per assembly the spotlight being prepared (the researcher's
-- country, one-line struggle, links, echo question and the reference of a voice note or file to re-post) and,
-- once posted, only what the history shows (date, country, struggle, researcher): the links, the echo question
-- and the file reference are cleared when the card is out. No message bodies (P1).
-- tables: mirror_rooms, mirror_spotlights

CREATE TABLE mirror_rooms (
    room_id      TEXT    PRIMARY KEY,
    lead_minutes INTEGER NOT NULL, -- how long before an assembly the researcher gets the brief
    avoid_repeat INTEGER NOT NULL, -- a country spotlighted within this many assemblies is flagged
    share_rooms  TEXT    NOT NULL, -- partner room ids the card also goes to, one a line ('' for none)
    enabled_by   TEXT    NOT NULL,
    enabled_at   INTEGER NOT NULL
);

CREATE TABLE mirror_spotlights (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id     TEXT    NOT NULL,
    assembly_at INTEGER NOT NULL, -- the start of the assembly it is for
    state       TEXT    NOT NULL, -- OPEN (being prepared), POSTED, MISSED (nothing was set)
    researcher  TEXT,             -- who was briefed, or stepped in
    briefed_at  INTEGER,
    reminded_at INTEGER,
    called_at   INTEGER,          -- when the room was asked whether someone steps in
    country     TEXT,             -- ISO 3166 alpha-2
    struggle    TEXT,
    links       TEXT,             -- one a line; cleared once posted
    echo        TEXT,             -- cleared once posted
    set_by      TEXT,
    set_at      INTEGER,
    file        TEXT,             -- the attached file's reference (holds its key); cleared once posted
    posted_at   INTEGER,
    UNIQUE (room_id, assembly_at)
);
CREATE INDEX mirror_spotlights_open ON mirror_spotlights(state, researcher);
