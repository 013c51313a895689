-- Assemblies (feature "assembly"): a room's meeting rhythm, its one-off assemblies and the skipped ones.
-- Stored: the rule (an encoded recurrence with its IANA zone), instants, lengths and notice offsets — never
-- message text (P1). Reminders are schedule items planned from these rows (T1). Instants are epoch
-- milliseconds (INTEGER); lengths and offsets are seconds.
-- tables: assembly_rhythms, assembly_one_offs, assembly_skips

CREATE TABLE assembly_rhythms (
    room_id     TEXT    NOT NULL PRIMARY KEY, -- one rhythm a room
    recurrence  TEXT    NOT NULL,             -- Recurrence.encode(), read back by Recurrences.parse
    duration_s  INTEGER NOT NULL,
    notices     TEXT    NOT NULL,             -- offsets before the start in seconds, comma-separated, largest first
    set_at      INTEGER NOT NULL
);

CREATE TABLE assembly_one_offs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id     TEXT    NOT NULL,
    start_at    INTEGER NOT NULL,
    duration_s  INTEGER NOT NULL,
    notices     TEXT    NOT NULL
);
CREATE INDEX assembly_one_offs_room ON assembly_one_offs (room_id, start_at);

CREATE TABLE assembly_skips (
    room_id     TEXT    NOT NULL,
    start_at    INTEGER NOT NULL, -- the start of the skipped assembly (of the rhythm or a one-off)
    PRIMARY KEY (room_id, start_at)
);
